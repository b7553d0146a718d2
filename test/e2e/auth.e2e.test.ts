import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control, freshHomes, runRosi, startEmulator, type EmulatorHandle } from '../helpers/e2e.js';
import { loginSplit, rotateCount } from './login-helpers.js';
import { itWith } from '../helpers/system-tools.js';

let emu: EmulatorHandle;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => emu.stop());

const fresh = freshHomes();

const credsFile = (h: string) => join(h, '.slack', 'credentials.json');
const readCreds = (h: string) => JSON.parse(readFileSync(credsFile(h), 'utf8')) as Record<string, Record<string, unknown>>;

describe('auth journey against the emulator', () => {
  it('split login, list, status, service token, revoke, logout', async () => {
    const h = fresh();
    await loginSplit(emu, h);
    expect(statSync(credsFile(h)).mode & 0o777).toBe(0o600);
    const cred = readCreds(h)[emu.teamId]!;
    expect(cred).toMatchObject({ team_id: emu.teamId, team_domain: 'emulator', user_id: 'U0EMULATOR', api_host: emu.url });
    expect(String(cred.token)).toMatch(/^xoxe\.xoxp-1-/);
    expect(typeof cred.exp).toBe('number');

    const list = await runRosi(['auth', 'list', '--json'], { home: h });
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ team_id: emu.teamId, api_host: emu.url, rotatable: true })]);

    const status = await runRosi(['auth', 'status', '--json'], { home: h });
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ team_id: emu.teamId, user_id: 'U0EMULATOR', token_source: 'stored' });

    // A service token: printed once, never saved; it works, then it is revoked.
    const start = await runRosi(['auth', 'token', '--no-prompt', '--json', '--apihost', emu.url], { home: h });
    const { ticket } = JSON.parse(start.stdout) as { ticket: string };
    const { challenge } = await control<{ challenge: string }>(emu, 'approve', { ticket });
    const tok = await runRosi(['auth', 'token', '--ticket', ticket, '--challenge', challenge, '--apihost', emu.url], { home: h });
    expect(tok.code, tok.stderr).toBe(0);
    const service = tok.stdout.trim();
    expect(service).toMatch(/^xoxp-/);
    expect(Object.keys(readCreds(h))).toEqual([emu.teamId]);
    const viaEnv = await runRosi(['auth', 'status', '--json', '--apihost', emu.url], { home: h, env: { SLACK_SERVICE_TOKEN: service } });
    expect(JSON.parse(viaEnv.stdout)).toMatchObject({ token_source: 'env', expires_at: null });
    const revoke = await runRosi(['auth', 'revoke', '--token-file', '-', '--apihost', emu.url], { home: h, input: `${service}\n` });
    expect(revoke.code, revoke.stderr).toBe(0);
    const dead = await runRosi(['auth', 'status', '--apihost', emu.url], { home: h, env: { SLACK_SERVICE_TOKEN: service } });
    expect(dead.code).toBe(4);
    expect(dead.stderr).toContain('token_revoked');

    const logout = await runRosi(['logout'], { home: h });
    expect(logout.code, logout.stderr).toBe(0);
    expect(readCreds(h)).toEqual({});
    const after = await runRosi(['auth', 'status', '--apihost', emu.url], { home: h });
    expect(after.code).toBe(4);

    for (const r of [list, status, start, viaEnv, revoke, dead, logout, after]) expect(r.stdout + r.stderr).not.toMatch(/xox[a-z]?[.-]/);
  });

  itWith(['script'], 'interactive login in a pseudo-terminal: the challenge is typed at the prompt', async () => {
    const h = fresh();
    const { spawn } = await import('node:child_process');
    const { BIN, baseEnv } = await import('../helpers/e2e.js');
    const env = baseEnv(h, { CI: undefined, TERM: 'xterm' });
    // util-linux `script` gives the CLI a real terminal on stdin and stderr.
    const child = spawn('script', ['-qfec', `${process.execPath} ${BIN} login --apihost ${emu.url}`, '/dev/null'], { env, cwd: h });
    let screen = '';
    child.stdout.on('data', (d: Buffer) => (screen += d.toString()));
    const waitFor = async (re: RegExp) => {
      for (let i = 0; i < 200 && !re.test(screen); i++) await new Promise((r) => setTimeout(r, 50));
      return screen.match(re);
    };
    const m = await waitFor(/\/slackauthticket (\S+)/);
    expect(m, screen).toBeTruthy();
    await waitFor(/Enter the challenge code/);
    expect(screen).toContain(`Run this slash command on the emulator's approval page (${emu.url}/approve):`);
    expect(screen).not.toContain('Slack channel');
    child.stdin.write('too-early\r');
    expect(await waitFor(/is not approved yet/), screen).toBeTruthy();
    const { challenge } = await control<{ challenge: string }>(emu, 'approve', { ticket: m![1] });
    child.stdin.write('wrong-code\r');
    expect(await waitFor(/not right/), screen).toBeTruthy();
    child.stdin.write(`${challenge}\r`);
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(screen).toContain(`Logged in to Emulator Workspace (${emu.teamId}) as developer (U0EMULATOR)`);
    expect(code).toBe(0);
    expect(readCreds(h)[emu.teamId]).toBeDefined();
  });
});

itWith(['script'], 'Ctrl-C at the challenge prompt exits 130 and saves nothing', async () => {
  const h = fresh();
  const { spawn } = await import('node:child_process');
  const { BIN, baseEnv } = await import('../helpers/e2e.js');
  const child = spawn('script', ['-qfec', `${process.execPath} ${BIN} login --apihost ${emu.url}`, '/dev/null'], {
    env: baseEnv(h, { CI: undefined, TERM: 'xterm' }),
    cwd: h,
  });
  let screen = '';
  child.stdout.on('data', (d: Buffer) => (screen += d.toString()));
  for (let i = 0; i < 200 && !/Enter the challenge code/.test(screen); i++) await new Promise((r) => setTimeout(r, 50));
  child.stdin.write('\x03');
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  expect(code, screen).toBe(130);
  expect(screen).toContain('(cancelled)');
  const { existsSync } = await import('node:fs');
  expect(existsSync(credsFile(h))).toBe(false);
});

describe('token refresh', () => {
  let shortLived: EmulatorHandle;
  beforeAll(async () => {
    // Tokens live 60 s: always inside rosi's 5-minute refresh margin.
    shortLived = await startEmulator(['--in-memory', '--control', '--token-ttl', '60s']);
  });
  afterAll(async () => shortLived.stop());

  it('refreshes before expiry: one rotation, the new token saved', async () => {
    const h = fresh();
    await loginSplit(shortLived, h);
    const before = readCreds(h)[shortLived.teamId]!;
    const n = await rotateCount(shortLived);
    const r = await runRosi(['auth', 'status', '--json'], { home: h });
    expect(r.code, r.stderr).toBe(0);
    expect(await rotateCount(shortLived)).toBe(n + 1);
    const after = readCreds(h)[shortLived.teamId]!;
    expect(after.token).not.toBe(before.token);
    expect(after.refresh_token).not.toBe(before.refresh_token);
  });

  it('a refresh token spent by a lost rotate answer: the token, still valid, is used and the failure reported', async () => {
    const h = fresh();
    await loginSplit(shortLived, h);
    const creds = readCreds(h);
    creds[shortLived.teamId]!.refresh_token = 'xoxe-1-bogus';
    writeFileSync(credsFile(h), JSON.stringify(creds, null, 2), { mode: 0o600 });
    const text = readFileSync(credsFile(h), 'utf8');
    const r = await runRosi(['auth', 'status'], { home: h });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Logged in to');
    expect(r.stderr).toContain(`Could not refresh the token for emulator (${shortLived.teamId})`);
    expect(r.stderr).toContain(`Using the current token, valid for another`);
    expect(r.stderr).toContain(`\`rosi login --apihost ${shortLived.url}\``);
    expect(readFileSync(credsFile(h), 'utf8')).toBe(text);
  });

  it('a failed refresh of an expired token keeps the credential and exits 4', async () => {
    const h = fresh();
    await loginSplit(shortLived, h);
    const creds = readCreds(h);
    creds[shortLived.teamId]!.refresh_token = 'xoxe-1-bogus';
    creds[shortLived.teamId]!.exp = Math.floor(Date.now() / 1000) - 10;
    writeFileSync(credsFile(h), JSON.stringify(creds, null, 2), { mode: 0o600 });
    const text = readFileSync(credsFile(h), 'utf8');
    const r = await runRosi(['auth', 'status'], { home: h });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('invalid_refresh_token');
    expect(r.stderr).toContain('rosi login');
    expect(readFileSync(credsFile(h), 'utf8')).toBe(text);
  });

  it('refreshes after the server answers token_expired, then retries once', async () => {
    const h = fresh();
    const quick = await startEmulator(['--in-memory', '--control', '--token-ttl', '1s']);
    try {
      await loginSplit(quick, h);
      // rosi believes the token has hours left; the server knows it expired.
      const creds = readCreds(h);
      creds[quick.teamId]!.exp = Math.floor(Date.now() / 1000) + 6 * 3600;
      writeFileSync(credsFile(h), JSON.stringify(creds, null, 2), { mode: 0o600 });
      await new Promise((r) => setTimeout(r, 1500));
      const n = await rotateCount(quick);
      const r = await runRosi(['auth', 'status', '--json'], { home: h });
      expect(r.code, r.stderr).toBe(0);
      expect(await rotateCount(quick)).toBe(n + 1);
      const calls = await control<{ calls: { method: string }[] }>(quick, 'calls');
      expect(calls.calls.map((c) => c.method).slice(-3)).toEqual(['auth.test', 'tooling.tokens.rotate', 'auth.test']);
    } finally {
      await quick.stop();
    }
  });

  it('8 processes with a credential expiring in 60 s: all succeed, exactly one rotation', async () => {
    const h = fresh();
    await loginSplit(emu, h);
    // Expiring soon by the file; the rotated token lives 12 h, so a process that starts late
    // (a loaded machine staggers them) has no reason to rotate again.
    const creds = readCreds(h);
    creds[emu.teamId]!.exp = Math.floor(Date.now() / 1000) + 60;
    writeFileSync(credsFile(h), JSON.stringify(creds, null, 2), { mode: 0o600 });
    const before = await rotateCount(emu);
    const runs = await Promise.all(Array.from({ length: 8 }, () => runRosi(['auth', 'status', '--json'], { home: h, timeoutMs: 60_000 })));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    expect(await rotateCount(emu)).toBe(before + 1);
    const token = readCreds(h)[emu.teamId]!.token;
    const verify = await runRosi(['auth', 'status', '--json', '--apihost', emu.url], { home: fresh(), env: { ROSI_TOKEN: String(token) } });
    expect(verify.code, verify.stderr).toBe(0);
  });
});

describe('bad input never shows a stack trace', () => {
  it.each([
    { name: 'unknown command', argv: ['lgoin'], code: 2, text: "Unknown command 'lgoin' (did you mean login?)" },
    { name: 'unknown flag', argv: ['auth', 'list', '--jsno'], code: 2, text: "Unknown option '--jsno' (did you mean --json?)" },
    { name: 'missing flag value', argv: ['auth', 'status', '--require-valid-for'], code: 2, text: "Option '--require-valid-for <duration>' argument missing" },
    { name: 'plain http to a remote host', argv: ['auth', 'status', '--apihost', 'http://example.com', '--token', 'xoxp-1'], code: 2, text: 'plain http://' },
    {
      name: 'a bad ROSI_HTTP_TIMEOUT',
      argv: ['auth', 'status', '--token', 'xoxp-1'],
      env: { ROSI_HTTP_TIMEOUT: 'soon' },
      code: 2,
      text: 'ROSI_HTTP_TIMEOUT must be a positive number',
    },
  ])('$name → exit $code', async ({ argv, code, text, env }) => {
    const r = await runRosi(argv, { home: fresh(), ...(env ? { env } : {}) });
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(text);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('a stale lock that is a plain file is broken at once, as a stale lock folder is', async () => {
    const h = fresh();
    const { mkdirSync, utimesSync, existsSync } = await import('node:fs');
    mkdirSync(join(h, '.slack'));
    const lock = `${credsFile(h)}.lock`;
    writeFileSync(lock, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    const started = Date.now();
    await loginSplit(emu, h);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(readCreds(h)[emu.teamId]).toBeDefined();
    expect(existsSync(lock)).toBe(false);
  });

  it('a corrupt credentials file: named, untouched, exit 2', async () => {
    const h = fresh();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(h, '.slack'));
    writeFileSync(credsFile(h), '{"T0EMULATOR": {"team_id": ');
    const r = await runRosi(['auth', 'status'], { home: h });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${credsFile(h)} is damaged`);
    expect(readFileSync(credsFile(h), 'utf8')).toBe('{"T0EMULATOR": {"team_id": ');
  });
});
