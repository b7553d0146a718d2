import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { credential, writeCredentials } from '../../../test/helpers/credentials.js';
import { createTestContext, runCliInProcess, type TestHarness } from '../../../test/helpers/test-context.js';

let pre: TestHarness | undefined;
afterEach(() => pre?.cleanup());

function homeWith(creds: Parameters<typeof writeCredentials>[1]): string {
  pre = createTestContext();
  writeCredentials(pre.home, creds);
  return pre.home;
}

const three = {
  T0BETA0001: credential({ team_id: 'T0BETA0001', team_domain: 'beta', exp: Date.parse('2026-11-28T15:00:00Z') / 1000, refresh_token: 'xoxe-1-b' }),
  T0ALPHA001: credential({ team_id: 'T0ALPHA001', team_domain: 'alpha' }),
  T0EMU00001: credential({
    team_id: 'T0EMU00001',
    team_domain: 'emulator',
    api_host: 'http://127.0.0.1:5810',
    exp: Date.parse('2026-11-28T11:00:00Z') / 1000,
    refresh_token: 'xoxe-1-e',
  }),
};

describe('rosi auth list', () => {
  it('with no config dir at all: says so on stderr, prints nothing on stdout, exits 0', async () => {
    const r = await runCliInProcess(['auth', 'list']);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toContain('You are not logged in');
  });

  it('with none in a --config-dir folder: the login hint logs in to that folder', async () => {
    const r = await runCliInProcess(['auth', 'list', '--config-dir', '/tmp/rosi no logins']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("Log in with `rosi login --config-dir '/tmp/rosi no logins'`.");
  });

  it('--json with none prints []', async () => {
    const r = await runCliInProcess(['auth', 'list', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('lists logins sorted by domain, with expiry, never a token', async () => {
    const r = await runCliInProcess(['auth', 'list'], { home: homeWith(three) });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'alpha (T0ALPHA001)',
        '  User:     U0001',
        '  API host: https://slack.com',
        '  Expires:  never',
        '',
        'beta (T0BETA0001)',
        '  User:     U0001',
        '  API host: https://slack.com',
        '  Expires:  in 3h (2026-11-28T15:00:00.000Z), refreshed automatically',
        '',
        'emulator (T0EMU00001)',
        '  User:     U0001',
        '  API host: http://127.0.0.1:5810',
        '  Expires:  expired 1h ago (2026-11-28T11:00:00.000Z), refreshed automatically',
        '',
      ].join('\n'),
    );
    expect(r.stdout + r.stderr).not.toContain('xox');
  });

  it('--json fields are the documented contract', async () => {
    const r = await runCliInProcess(['auth', 'list', '--json'], { home: homeWith(three) });
    const list = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(list.map((l) => l.team_id)).toEqual(['T0ALPHA001', 'T0BETA0001', 'T0EMU00001']);
    expect(list[1]).toEqual({
      team_id: 'T0BETA0001',
      team_domain: 'beta',
      user_id: 'U0001',
      enterprise_id: null,
      api_host: 'https://slack.com',
      expires_at: '2026-11-28T15:00:00.000Z',
      rotatable: true,
      last_updated: '2026-11-28T11:00:00Z',
    });
    expect(r.stdout).not.toContain('xox');
  });

  it('reads legacy files keyed by team domain', async () => {
    const r = await runCliInProcess(['auth', 'list', '--json'], { home: homeWith({ legacy: credential({ team_id: 'T0LEGACY01', team_domain: 'legacy' }) }) });
    expect(JSON.parse(r.stdout)[0].team_id).toBe('T0LEGACY01');
  });

  it.each([
    { name: 'not JSON', content: '{"T1": {', want: 'is not valid JSON' },
    { name: 'wrong shape', content: '{"T0X": {"team_id": 5}}', want: 'T0X.team_domain' },
    { name: 'an array', content: '[]', want: 'the top level' },
  ])('a corrupt credentials file ($name) → exit 2, names the file, leaves it alone', async ({ content, want }) => {
    const home = homeWith(content);
    const r = await runCliInProcess(['auth', 'list'], { home });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${home}/.slack/credentials.json is damaged`);
    expect(r.stderr).toContain(want);
    expect(r.stderr).toContain('(credentials_corrupt)');
    expect(r.stderr).toContain(
      `move it aside and log in again: mv ${home}/.slack/credentials.json ${home}/.slack/credentials.json.damaged && rosi login --config-dir ${home}/.slack`,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(`${home}/.slack/credentials.json`, 'utf8')).toBe(content);
  });

  it('an empty file means no logins', async () => {
    const r = await runCliInProcess(['auth', 'list', '--json'], { home: homeWith('  \n') });
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('honours --config-dir', async () => {
    const home = homeWith(three);
    const r = await runCliInProcess(['auth', 'list', '--json', '--config-dir', `${home}/.slack`], { home: createTestContext().home });
    expect(JSON.parse(r.stdout)).toHaveLength(3);
  });
});
