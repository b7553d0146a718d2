import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ActivityLog, series } from '../../../test/helpers/activity.js';
import { credential, writeCredentials } from '../../../test/helpers/credentials.js';
import { createTestContext, runCliInProcess, type TestHarness } from '../../../test/helpers/test-context.js';
import { server } from '../../../test/msw/server.js';
import { API, calls } from '../../../test/msw/slack.js';

let pre: TestHarness | undefined;
afterEach(() => pre?.cleanup());

/** A temp HOME with a stored login for T0TEAM0001 and a project that deployed A0PROJ0001 to it. */
function project(): { home: string; dir: string } {
  pre = createTestContext();
  writeCredentials(pre.home, { T0TEAM0001: credential({ team_id: 'T0TEAM0001', api_host: API }) });
  const dir = join(pre.home, 'app');
  mkdirSync(join(dir, '.slack', 'sub'), { recursive: true });
  writeFileSync(join(dir, '.slack', 'hooks.json'), '{"hooks": {}}');
  writeFileSync(
    join(dir, '.slack', 'apps.json'),
    JSON.stringify({ apps: { T0TEAM0001: { app_id: 'A0PROJ0001', team_id: 'T0TEAM0001', team_domain: 'team' } } }),
  );
  return { home: pre.home, dir };
}

describe('rosi activity: which app', () => {
  it('inside a project, the app deployed to the login’s team, with the stored token', async () => {
    server.use(new ActivityLog().append(...series(1)).handler());
    const { home, dir } = project();
    const r = await runCliInProcess(['activity', '--json'], { home, cwd: join(dir, '.slack', 'sub') });
    expect(r.code, r.stderr).toBe(0);
    expect(calls().map((c) => c.method)).toEqual(['apps.activities.list']);
    expect(calls('apps.activities.list')[0]!.params.app_id).toBe('A0PROJ0001');
  });

  it('--app that is not the project’s app for the team is refused before any call', async () => {
    const { home, dir } = project();
    const r = await runCliInProcess(['activity', '--app', 'A0OTHER001'], { home, cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--app A0OTHER001 is not the app this project deployed to T0TEAM0001');
    expect(calls()).toHaveLength(0);
  });

  it('from any folder with a token and --app', async () => {
    server.use(new ActivityLog().handler());
    const r = await runCliInProcess(['logs', '--app', 'A0CI000001'], { env: { SLACK_SERVICE_TOKEN: 'xoxb-ci', ROSI_APIHOST: API } });
    expect(r.code, r.stderr).toBe(0);
    expect(calls('apps.activities.list')[0]!.params.app_id).toBe('A0CI000001');
  });
});
