import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pickApp, selectApp, type AppSelectionDeps, type PickAppInput } from './select-app.js';

let home: string | undefined;
afterEach(() => home && rmSync(home, { recursive: true, force: true }));

function project(apps: Record<string, string> | undefined): { home: string; dir: string } {
  home = mkdtempSync(join(tmpdir(), 'rosi-select-'));
  const dir = join(home, 'p');
  mkdirSync(join(dir, '.slack'), { recursive: true });
  writeFileSync(join(dir, '.slack', 'hooks.json'), '{}');
  if (apps)
    writeFileSync(join(dir, '.slack', 'apps.json'), JSON.stringify({ apps: Object.fromEntries(Object.entries(apps).map(([t, a]) => [t, { app_id: a }])) }));
  return { home, dir };
}

const input = (o: Partial<PickAppInput> & { cwd: string; home: string }): PickAppInput => ({
  app: undefined,
  explicitToken: false,
  place: async () => ({ host: 'https://slack.com', team: 'T1' }),
  command: 'rosi datastore get',
  ...o,
});

describe('pickApp', () => {
  it('an explicit token with --app asks nothing and reads nothing', async () => {
    let asked = false;
    const r = await pickApp(
      input({
        cwd: '/nonexistent',
        home: '/nonexistent',
        app: 'A0CI',
        explicitToken: true,
        place: async () => ((asked = true), { host: 'https://slack.com', team: 'T1' }),
      }),
    );
    expect(r).toEqual({ appId: 'A0CI', source: 'flag', root: undefined });
    expect(asked).toBe(false);
  });

  it('the project entry for the team', async () => {
    const p = project({ T1: 'A0ONE', T2: 'A0TWO' });
    expect(await pickApp(input({ ...p, cwd: p.dir, place: async () => ({ host: 'https://slack.com', team: 'T2' }) }))).toEqual({
      appId: 'A0TWO',
      source: 'project',
      root: p.dir,
    });
  });

  it('--app equal to the project entry is fine; a different one is refused', async () => {
    const p = project({ T1: 'A0ONE' });
    expect((await pickApp(input({ ...p, cwd: p.dir, app: 'A0ONE' }))).appId).toBe('A0ONE');
    await expect(pickApp(input({ ...p, cwd: p.dir, app: 'A0TWO' }))).rejects.toMatchObject({ code: 'invalid_app_flag', exitCode: 2 });
  });

  it('--app with a stored login outside a project is taken as given', async () => {
    home = mkdtempSync(join(tmpdir(), 'rosi-select-'));
    expect(await pickApp(input({ cwd: home, home, app: 'A0ANY' }))).toEqual({ appId: 'A0ANY', source: 'flag', root: undefined });
  });

  it.each([
    { name: 'no project and no --app', apps: null, code: 'invalid_app_directory', exitCode: 2 },
    { name: 'no apps.json', apps: undefined, code: 'app_not_found', exitCode: 1 },
    { name: 'no entry for the team', apps: { T9: 'A0NINE' }, code: 'app_not_found', exitCode: 1 },
  ])('$name → $code', async ({ apps, code, exitCode }) => {
    if (apps === null) {
      home = mkdtempSync(join(tmpdir(), 'rosi-select-'));
      await expect(pickApp(input({ cwd: home, home }))).rejects.toMatchObject({ code, exitCode });
      return;
    }
    const p = project(apps);
    await expect(pickApp(input({ ...p, cwd: p.dir }))).rejects.toMatchObject({ code, exitCode });
  });

  it('no app for the team on an emulator: the deploy hint names that host and team', async () => {
    const p = project({ T9: 'A0NINE' });
    const e = await pickApp(input({ ...p, cwd: p.dir, place: async () => ({ host: 'http://127.0.0.1:5810', team: 'T1' }) })).catch((x: unknown) => x);
    expect((e as { hint: string }).hint).toBe(
      `Deploy it with \`rosi deploy --apihost http://127.0.0.1:5810 --team T1\` in ${p.dir}, or name the app with --app.`,
    );
  });

  it('a malformed app ID is a usage error', async () => {
    await expect(pickApp(input({ cwd: '/', home: '/', app: 'local', explicitToken: true }))).rejects.toMatchObject({ code: 'invalid_app_flag', exitCode: 2 });
  });
});

describe('selectApp', () => {
  /** A Context's share: a session whose token is `source`, and a client that only answers auth.test. */
  const deps = (cwd: string, source: 'stored' | 'env', sent: string[]): AppSelectionDeps => ({
    paths: { cwd, home: home as string },
    session: async () => ({ apiHost: 'https://slack.com', source, credential: () => (source === 'stored' ? ({ team_id: 'T1' } as never) : undefined) }),
    api: async () => ({ call: (async (method: string) => (sent.push(method), { team_id: 'T2' })) as never }),
  });

  it('a stored login names the team; a token from the environment costs one auth.test', async () => {
    const p = project({ T1: 'A0ONE', T2: 'A0TWO' });
    const sent: string[] = [];
    expect((await selectApp(deps(p.dir, 'stored', sent), { app: undefined, command: 'rosi activity' })).appId).toBe('A0ONE');
    expect(sent).toEqual([]);
    expect((await selectApp(deps(p.dir, 'env', sent), { app: undefined, command: 'rosi activity' })).appId).toBe('A0TWO');
    expect(sent).toEqual(['auth.test']);
  });

  it('offline, a token from the environment cannot tell the app: missing_app, and nothing is sent', async () => {
    const p = project({ T2: 'A0TWO' });
    const sent: string[] = [];
    await expect(selectApp(deps(p.dir, 'env', sent), { app: undefined, command: 'rosi datastore get', offline: true })).rejects.toMatchObject({
      code: 'missing_app',
      exitCode: 2,
    });
    expect(sent).toEqual([]);
  });
});
