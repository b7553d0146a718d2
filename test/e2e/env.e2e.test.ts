import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { baseEnv, BIN, control, runRosi, SEEDED_APP as APP, startSeededEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';
import { hostedManifest } from '../helpers/hosting.js';
import { loginSplit } from './login-helpers.js';
import { itWith } from '../helpers/system-tools.js';

// `rosi env` through the built CLI against the built emulator, logged in as the seeded
// developer, who owns the seeded app.
const SECRET = 'Sup3r-s3cret-VALUE-xyz';

let emu: EmulatorHandle;
let home: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  emu = await startSeededEmulator(home, hostedManifest());
  await loginSplit(emu, home);
});
afterAll(async () => {
  await emu?.stop();
  cleanup?.();
});
beforeEach(async () => {
  // Every test starts with no variables and no recorded calls.
  const names = Object.keys(await stored());
  if (names.length) await env(['unset', ...names]);
  await control(emu, 'reset-calls', {});
});

const env = (args: string[], o: { input?: string; cwd?: string; env?: Record<string, string> } = {}) => runRosi(['env', ...args, '--app', APP], { home, ...o });
const stored = async () => (await control<{ variables: Record<string, string> }>(emu, `variables?app_id=${APP}`)).variables;
const variableCalls = async () =>
  (await control<{ calls: { method: string }[] }>(emu, 'calls')).calls.filter((c) => c.method.startsWith('apps.hosted.variables.'));
const file = (name: string, text: string) => {
  const path = join(home, name);
  writeFileSync(path, text);
  return path;
};

describe('rosi env against the emulator', () => {
  it('set from --value-file and from stdin, list, unset, and the add/remove aliases', async () => {
    const fromFile = await env(['set', 'API_KEY', '--value-file', file('key.txt', `${SECRET}\n`)]);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromFile.stderr).toContain(`Set API_KEY on app ${APP}`);
    const fromStdin = await env(['add', 'db_url', '--value-file', '-', '--json'], { input: 'postgres://x\n' });
    expect(JSON.parse(fromStdin.stdout)).toEqual({ app_id: APP, set: ['db_url'], not_set: [] });
    expect(await stored()).toEqual({ API_KEY: SECRET, db_url: 'postgres://x' });

    expect(await env(['list'])).toMatchObject({ code: 0, stdout: 'API_KEY\ndb_url\n' });
    const listed = await runRosi(['vars', '--app', APP, '--json'], { home });
    expect(JSON.parse(listed.stdout)).toEqual({ app_id: APP, variable_names: ['API_KEY', 'db_url'] });

    const unset = await env(['unset', 'API_KEY', '--json']);
    expect(JSON.parse(unset.stdout)).toEqual({ app_id: APP, unset: ['API_KEY'] });
    expect((await env(['remove', 'db_url', 'NEVER_SET'])).code).toBe(0);
    expect(await stored()).toEqual({});
    const none = await env(['list']);
    expect(none).toMatchObject({ code: 0, stdout: '' });
    expect(none.stderr).toContain('has no environment variables');
  });

  itWith(['script'], 'the hidden prompt on a pseudo-terminal: the value is not echoed', async () => {
    const child = spawn('script', ['-qfec', `${process.execPath} ${BIN} env set TYPED --app ${APP}`, '/dev/null'], {
      env: baseEnv(home, { CI: undefined, TERM: 'xterm' }),
      cwd: home,
    });
    let screen = '';
    child.stdout.on('data', (d: Buffer) => (screen += d.toString()));
    for (let i = 0; i < 200 && !screen.includes('Value of TYPED'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(screen).toContain('Value of TYPED');
    child.stdin.write(`${SECRET}\r`);
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code, screen).toBe(0);
    expect(screen).toContain('Set TYPED');
    expect(screen).not.toContain(SECRET);
    expect(await stored()).toEqual({ TYPED: SECRET });
  });

  it('no value and no terminal: exit 2 naming --value-file, nothing sent', async () => {
    const r = await env(['set', 'K']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--value-file');
    expect(await variableCalls()).toEqual([]);
  });

  it.each([
    { name: 'a bad name', args: ['set', 'BAD-NAME', 'v'], want: '"BAD-NAME" (<name>) is not a usable variable name' },
    { name: 'a value over 32 KiB', args: ['set', 'BIG', 'x'.repeat(40_000)], want: 'over the 32768-byte limit' },
  ])('$name: exit 2, and the emulator saw no call', async ({ args, want }) => {
    const r = await env(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(want);
    expect((await control<{ count: number }>(emu, 'calls')).count).toBe(0);
  });

  it('--from-file: refused in CI without --force (exit 2, nothing sent), then set with --force', async () => {
    const dotenv = file('prod.env', `# production\nexport API_KEY="${SECRET}"\nREGION=eu # where\nMULTI="a\\nb"\n`);
    const refused = await env(['set', '--from-file', dotenv]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--force');
    expect(await variableCalls()).toEqual([]);

    const r = await env(['set', '--from-file', dotenv, '--force']);
    expect(r.code, r.stderr).toBe(0);
    for (const n of ['API_KEY', 'REGION', 'MULTI']) expect(r.stderr).toContain(`Set ${n}`);
    expect(await stored()).toEqual({ API_KEY: SECRET, REGION: 'eu', MULTI: 'a\nb' });
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it('--from-file with a malformed line: exit 2 naming file and line, nothing sent', async () => {
    const dotenv = file('broken.env', 'A=1\nnot a pair\n');
    const r = await env(['set', '--from-file', dotenv, '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Line 2 of ${dotenv}: expected NAME=value`);
    expect(await variableCalls()).toEqual([]);
  });

  it('diff: .env in the current folder against the app, both ways, exit 0', async () => {
    await env(['set', 'SHARED', '1']);
    await env(['set', 'APP_ONLY', '2']);
    const dir = join(home, 'work');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '.env'), 'SHARED=x\nFILE_ONLY=y\n');
    const r = await env(['diff'], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stdout: '+ FILE_ONLY\n- APP_ONLY\n' });
    const json = await env(['diff', '--json'], { cwd: dir });
    expect(JSON.parse(json.stdout)).toEqual({ app_id: APP, file: join(dir, '.env'), only_in_file: ['FILE_ONLY'], only_in_app: ['APP_ONLY'] });
  });

  it('another team’s token gets invalid_app_id and changes nothing', async () => {
    await env(['set', 'API_KEY', SECRET]);
    const { token } = await control<{ token: string }>(emu, 'seed', { team_id: 'T0OTHERTEAM', team_domain: 'other', user_id: 'U0MALLORY1' });
    for (const args of [['list'], ['set', 'API_KEY', 'planted'], ['unset', 'API_KEY']]) {
      const r = await env(args, { env: { ROSI_TOKEN: token, ROSI_APIHOST: emu.url } });
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toContain('invalid_app_id');
    }
    expect(await stored()).toEqual({ API_KEY: SECRET });
  });

  it('the value is never printed, even with --verbose, and the emulator does not log it', async () => {
    const runs = [
      await env(['set', 'API_KEY', '--value-file', '-', '--verbose'], { input: SECRET }),
      await env(['set', '--from-file', file('v.env', `API_KEY=${SECRET}\n`), '--force', '--verbose']),
      await env(['list', '--verbose']),
      await env(['set', 'API_KEY', `${SECRET}${'x'.repeat(40_000)}`, '--verbose']),
    ];
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 2]);
    expect(runs[0]!.stderr).toContain('apps.hosted.variables.add');
    for (const r of runs) expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(emu.log()).not.toContain(SECRET);
  });

  it('@slack/web-api WebClient: apps.hosted.variables.* answer as the contract says', async () => {
    const { token } = await control<{ token: string }>(emu, 'seed', { user_id: 'U0CLIENT01' });
    await control(emu, 'apps/collaborators', { app_id: APP, user_id: 'U0CLIENT01' });
    const c = new WebClient(token, { slackApiUrl: `${emu.url}/api/`, retryConfig: { retries: 0 } });
    expect(await c.apiCall('apps.hosted.variables.add', { app_id: APP, variables: [{ name: 'FROM_CLIENT', value: SECRET }] })).toMatchObject({ ok: true });
    const listed = await c.apiCall('apps.hosted.variables.list', { app_id: APP });
    expect(listed).toMatchObject({ ok: true, variable_names: ['FROM_CLIENT'] });
    expect(JSON.stringify(listed)).not.toContain(SECRET);
    expect(await c.apiCall('apps.hosted.variables.remove', { app_id: APP, variable_names: ['FROM_CLIENT'] })).toMatchObject({ ok: true });
    await expect(c.apiCall('apps.hosted.variables.list', {})).rejects.toMatchObject({ data: { ok: false, error: 'invalid_arguments' } });
  });
});
