import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { credential, readCredentials, writeCredentials } from '../../../test/helpers/credentials.js';
import { createTestContext, runCliInProcess, type TestHarness } from '../../../test/helpers/test-context.js';
import { server } from '../../../test/msw/server.js';
import { API, calls, slackError, slackMethod } from '../../../test/msw/slack.js';

const NOW_S = Date.parse('2026-11-28T12:00:00Z') / 1000;
const who = { url: 'https://acme.slack.com/', team: 'Acme', user: 'grace', team_id: 'T0TEAM0001', user_id: 'U0001' };

let pre: TestHarness | undefined;
afterEach(() => pre?.cleanup());

function homeWith(expInS: number | undefined, extra: Record<string, ReturnType<typeof credential>> = {}): string {
  pre = createTestContext();
  const c = credential({
    team_id: 'T0TEAM0001',
    team_domain: 'acme',
    api_host: API,
    token: 'xoxe.xoxp-1-old',
    ...(expInS === undefined ? {} : { exp: NOW_S + expInS, refresh_token: 'xoxe-1-r1' }),
  });
  writeCredentials(pre.home, { T0TEAM0001: c, ...extra });
  return pre.home;
}

const rotated = { token: 'xoxe.xoxp-1-fresh', refresh_token: 'xoxe-1-r2', exp: NOW_S + 43_200, iat: NOW_S, team_id: 'T0TEAM0001', user_id: 'U0001' };

describe('rosi auth status', () => {
  it('calls auth.test with the stored token and reports it', async () => {
    server.use(slackMethod('auth.test', () => who));
    const r = await runCliInProcess(['auth', 'status', '--json'], { home: homeWith(3 * 3600) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      team_id: 'T0TEAM0001',
      team: 'Acme',
      user_id: 'U0001',
      user: 'grace',
      api_host: API,
      token_source: 'stored',
      expires_at: '2026-11-28T15:00:00.000Z',
      rotatable: true,
    });
    expect(calls('auth.test')[0]!.params.token).toBe('xoxe.xoxp-1-old');
    expect(calls('tooling.tokens.rotate')).toHaveLength(0);
  });

  it('refreshes a token within five minutes of expiry before using it', async () => {
    server.use(
      slackMethod('tooling.tokens.rotate', () => rotated),
      slackMethod('auth.test', () => who),
    );
    const home = homeWith(120);
    const r = await runCliInProcess(['auth', 'status'], { home });
    expect(r.code).toBe(0);
    expect(calls('tooling.tokens.rotate')[0]!.rawBody).toBe('refresh_token=xoxe-1-r1');
    expect(calls('auth.test')[0]!.params.token).toBe('xoxe.xoxp-1-fresh');
    expect(readCredentials(home).T0TEAM0001).toMatchObject({ token: 'xoxe.xoxp-1-fresh', refresh_token: 'xoxe-1-r2', exp: NOW_S + 43_200 });
  });

  it('refreshes once and retries when Slack answers token_expired', async () => {
    server.use(
      slackMethod('tooling.tokens.rotate', () => rotated),
      slackMethod('auth.test', (p) => (p.token === 'xoxe.xoxp-1-old' ? Response.json({ ok: false, error: 'token_expired' }) : who)),
    );
    const home = homeWith(3600);
    const r = await runCliInProcess(['auth', 'status'], { home });
    expect(r.code).toBe(0);
    expect(calls('auth.test').map((c) => c.params.token)).toEqual(['xoxe.xoxp-1-old', 'xoxe.xoxp-1-fresh']);
    expect(calls('tooling.tokens.rotate')).toHaveLength(1);
  });

  it('a failed refresh keeps the credential and exits 4 with the hint to log in', async () => {
    server.use(slackError('tooling.tokens.rotate', 'invalid_refresh_token'));
    const home = homeWith(-10);
    const before = readCredentials(home);
    const r = await runCliInProcess(['auth', 'status'], { home });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('Could not refresh the token for acme (T0TEAM0001): Slack answered invalid_refresh_token (token_rotation_error)');
    expect(r.stderr).toContain(`Hint: Run \`rosi login --apihost ${API}\` to log in again.`);
    expect(readCredentials(home)).toEqual(before);
  });

  it('--require-valid-for exits 4 when the token expires sooner', async () => {
    server.use(slackMethod('auth.test', () => who));
    const r = await runCliInProcess(['auth', 'status', '--require-valid-for', '1h'], { home: homeWith(30 * 60) });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('The token expires in 30m, sooner than the required 1h (token_expiring)');
  });

  it('--require-valid-for passes when there is time left', async () => {
    server.use(slackMethod('auth.test', () => who));
    const r = await runCliInProcess(['auth', 'status', '--require-valid-for', '1h'], { home: homeWith(2 * 3600) });
    expect(r.code).toBe(0);
  });

  it('a bad --require-valid-for is a usage error naming the flag', async () => {
    const r = await runCliInProcess(['auth', 'status', '--require-valid-for', 'soon'], { home: homeWith(3600) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Invalid --require-valid-for: "soon" is not a duration');
  });

  it.each([
    { name: 'ROSI_TOKEN', env: { ROSI_TOKEN: 'xoxp-env-1' }, argv: [], source: 'env' },
    { name: 'SLACK_SERVICE_TOKEN', env: { SLACK_SERVICE_TOKEN: 'xoxp-env-1' }, argv: [], source: 'env' },
    { name: '--token beats the environment', env: { ROSI_TOKEN: 'xoxp-other' }, argv: ['--token', 'xoxp-env-1'], source: 'flag' },
  ])('$name: used, never saved or rotated', async ({ env, argv, source }) => {
    server.use(slackMethod('auth.test', () => who));
    pre = createTestContext();
    const r = await runCliInProcess(['auth', 'status', '--json', '--apihost', API, ...argv], { home: pre.home, env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).token_source).toBe(source);
    expect(calls('auth.test')[0]!.params.token).toBe('xoxp-env-1');
    expect(existsSync(join(pre.home, '.slack'))).toBe(false);
  });

  it('--token-file - reads the token from stdin', async () => {
    server.use(slackMethod('auth.test', () => who));
    const r = await runCliInProcess(['auth', 'status', '--token-file', '-', '--apihost', API], { stdin: 'xoxp-stdin-1\n' });
    expect(r.code).toBe(0);
    expect(calls('auth.test')[0]!.params.token).toBe('xoxp-stdin-1');
  });

  it('never sends a stored token to a host that did not issue it', async () => {
    const r = await runCliInProcess(['auth', 'status', '--apihost', 'https://elsewhere.test'], { home: homeWith(3600) });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('You have no stored login for https://elsewhere.test (credentials_not_found)');
    expect(calls()).toHaveLength(0);
  });

  it('not logged in at all → exit 4', async () => {
    const r = await runCliInProcess(['auth', 'status']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('You are not logged in (not_authed)');
  });

  it('several logins and no --team in a script → exit 2 naming --team', async () => {
    const home = homeWith(3600, { T0OTHER001: credential({ team_id: 'T0OTHER001', api_host: API }) });
    const r = await runCliInProcess(['auth', 'status'], { home });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('choose one with --team');
    expect(r.stderr).toContain('T0OTHER001');
  });
});
