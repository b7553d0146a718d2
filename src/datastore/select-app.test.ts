import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { selectApp, type SelectAppInput } from './select-app.js';

let home: string | undefined;
afterEach(() => home && rmSync(home, { recursive: true, force: true }));

function project(apps: Record<string, string> | undefined): { home: string; dir: string } {
  home = mkdtempSync(join(tmpdir(), 'rosi-select-'));
  const dir = join(home, 'p');
  mkdirSync(join(dir, '.slack'), { recursive: true });
  writeFileSync(join(dir, '.slack', 'hooks.json'), '{}');
  if (apps) writeFileSync(join(dir, '.slack', 'apps.json'), JSON.stringify({ apps: Object.fromEntries(Object.entries(apps).map(([t, a]) => [t, { app_id: a }])) }));
  return { home, dir };
}

const input = (o: Partial<SelectAppInput> & { cwd: string; home: string }): SelectAppInput => ({
  app: undefined,
  explicitToken: false,
  place: async () => ({ host: 'https://slack.com', team: 'T1' }),
  command: 'rosi datastore get',
  ...o,
});

describe('selectApp', () => {
  it('an explicit token with --app asks nothing and reads nothing', async () => {
    let asked = false;
    const r = await selectApp(input({ cwd: '/nonexistent', home: '/nonexistent', app: 'A0CI', explicitToken: true, place: async () => ((asked = true), { host: 'https://slack.com', team: 'T1' }) }));
    expect(r).toEqual({ appId: 'A0CI', source: 'flag', root: undefined });
    expect(asked).toBe(false);
  });

  it('the project entry for the team', async () => {
    const p = project({ T1: 'A0ONE', T2: 'A0TWO' });
    expect(await selectApp(input({ ...p, cwd: p.dir, place: async () => ({ host: 'https://slack.com', team: 'T2' }) }))).toEqual({ appId: 'A0TWO', source: 'project', root: p.dir });
  });

  it('--app equal to the project entry is fine; a different one is refused', async () => {
    const p = project({ T1: 'A0ONE' });
    expect((await selectApp(input({ ...p, cwd: p.dir, app: 'A0ONE' }))).appId).toBe('A0ONE');
    await expect(selectApp(input({ ...p, cwd: p.dir, app: 'A0TWO' }))).rejects.toMatchObject({ code: 'invalid_app_flag', exitCode: 2 });
  });

  it('--app with a stored login outside a project is taken as given', async () => {
    home = mkdtempSync(join(tmpdir(), 'rosi-select-'));
    expect(await selectApp(input({ cwd: home, home, app: 'A0ANY' }))).toEqual({ appId: 'A0ANY', source: 'flag', root: undefined });
  });

  it.each([
    { name: 'no project and no --app', apps: null, code: 'invalid_app_directory', exitCode: 2 },
    { name: 'no apps.json', apps: undefined, code: 'app_not_found', exitCode: 1 },
    { name: 'no entry for the team', apps: { T9: 'A0NINE' }, code: 'app_not_found', exitCode: 1 },
  ])('$name → $code', async ({ apps, code, exitCode }) => {
    if (apps === null) {
      home = mkdtempSync(join(tmpdir(), 'rosi-select-'));
      await expect(selectApp(input({ cwd: home, home }))).rejects.toMatchObject({ code, exitCode });
      return;
    }
    const p = project(apps);
    await expect(selectApp(input({ ...p, cwd: p.dir }))).rejects.toMatchObject({ code, exitCode });
  });

  it('a malformed app ID is a usage error', async () => {
    await expect(selectApp(input({ cwd: '/', home: '/', app: 'local', explicitToken: true }))).rejects.toMatchObject({ code: 'invalid_app_flag', exitCode: 2 });
  });
});
