import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control, freshHomes, runRosi, startEmulator, type EmulatorHandle } from '../helpers/e2e.js';

let emu: EmulatorHandle;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => emu.stop());

const fresh = freshHomes();

/** Splits a printed command line as a POSIX shell would (plain and single-quoted words). */
function shellWords(line: string): string[] {
  return [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : (m[2] as string)));
}

/** The command rosi printed after "Then finish with: ", with the code filled in, as argv for rosi. */
function finishArgv(stderr: string, challenge: string): string[] {
  const line = /Then finish with: (.*)/.exec(stderr)?.[1];
  expect(line, stderr).toBeDefined();
  const words = shellWords((line as string).replace('<code>', challenge));
  expect(words[0]).toBe('rosi');
  return words.slice(1);
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('follow-up commands run as printed', () => {
  it('login --apihost --config-dir --no-prompt prints a finishing command that logs in to the same host and folder', async () => {
    const h = fresh();
    const dir = join(h, 'my creds');
    const start = await runRosi(['login', '--apihost', emu.url, '--config-dir', dir, '--no-prompt'], { home: h });
    expect(start.code, start.stderr).toBe(0);
    const ticket = start.stdout.trim().split(' ')[1] as string;
    expect(start.stderr).toContain(`Then finish with: rosi login --apihost ${emu.url} --config-dir '${dir}' --ticket ${ticket} --challenge <code>\n`);
    const { challenge } = await control<{ challenge: string }>(emu, 'approve', { ticket });
    const finish = await runRosi(finishArgv(start.stderr, challenge), { home: h });
    expect(finish.code, finish.stderr).toBe(0);
    const list = await runRosi(['auth', 'list', '--json', '--config-dir', dir], { home: h });
    expect(JSON.parse(list.stdout)).toMatchObject([{ team_id: emu.teamId, api_host: emu.url }]);
  });

  it('auth token --no-prompt prints a finishing command that reaches the same host', async () => {
    const h = fresh();
    const start = await runRosi(['auth', 'token', '--apihost', emu.url, '--no-prompt'], { home: h });
    expect(start.code, start.stderr).toBe(0);
    const ticket = start.stdout.trim().split(' ')[1] as string;
    const { challenge } = await control<{ challenge: string }>(emu, 'approve', { ticket });
    const argv = finishArgv(start.stderr, challenge);
    expect(argv).toEqual(['auth', 'token', '--apihost', emu.url, '--ticket', ticket, '--challenge', challenge]);
    const finish = await runRosi(argv, { home: h });
    expect(finish.code, finish.stderr).toBe(0);
    expect(finish.stdout).toMatch(/^xoxp-/);
  });

  it('against the emulator, the login names its approval page instead of a Slack channel', async () => {
    const r = await runRosi(['login', '--apihost', emu.url, '--no-prompt'], { home: fresh() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Run the command above on the emulator's approval page (${emu.url}/approve) and approve it`);
    expect(r.stderr).not.toContain('Slack channel');
  });

  it('a ticket sent to a host where nothing listens is not called used up: the hint starts the emulator', async () => {
    const port = await closedPort();
    const r = await runRosi(['login', '--apihost', `http://127.0.0.1:${port}`, '--ticket', 'T', '--challenge', 'C'], { home: fresh() });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('used up');
    expect(r.stderr).toContain(`Is \`rosi emulator\` running on http://127.0.0.1:${port}?`);
    expect(r.stderr).toContain(`\`rosi emulator --port ${port}\``);
  });
});

describe('unreachable loopback hosts fail at once', () => {
  it('connection refused on loopback: one attempt, well under a second of retries, and asks whether the emulator runs', async () => {
    const port = await closedPort();
    const started = Date.now();
    const r = await runRosi(['auth', 'status', '--apihost', `http://localhost:${port}`, '--token', 'xoxp-0000000-refused'], { home: fresh() });
    expect(r.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(r.stderr).not.toContain('attempts');
    expect(r.stderr).not.toContain('HTTPS_PROXY');
    expect(r.stderr).toContain(`Is \`rosi emulator\` running on http://localhost:${port}?`);
  });

  it('a port fetch refuses (https://localhost:1) is not retried', async () => {
    const started = Date.now();
    const r = await runRosi(['auth', 'status', '--apihost', 'https://localhost:1', '--token', 'xoxp-0000000-badport'], { home: fresh() });
    expect(r.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(r.stderr).not.toContain('attempts');
    expect(r.stderr).toContain('port 1');
  });

  it('https to the plain-http emulator is not retried and the hint gives the http URL', async () => {
    const https = emu.url.replace('http://', 'https://');
    const r = await runRosi(['auth', 'status', '--apihost', https, '--token', 'xoxp-0000000-tls'], { home: fresh() });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('attempts');
    expect(r.stderr).toContain(`use the API host ${emu.url}.`);
  });
});

describe('an API host without a scheme', () => {
  it('a loopback host without a scheme is the emulator over http', async () => {
    const bare = emu.url.replace('http://', '');
    const r = await runRosi(['login', '--apihost', bare, '--no-prompt', '--json'], { home: fresh() });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ api_host: emu.url });
  });

  it('a malformed API host is a usage error whose hint names the emulator URL that works', async () => {
    const bad = await runRosi(['auth', 'status', '--apihost', 'http://', '--token', 'xoxp-0000000-x'], { home: fresh() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('http://127.0.0.1:5810');
    expect(bad.stderr).not.toContain('5800');
  });
});

describe('a missing file is named in words', () => {
  it('a missing --token-file says "no such file", not ENOENT', async () => {
    const h = fresh();
    const r = await runRosi(['auth', 'status', '--token-file', join(h, 'nope.txt')], { home: h });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Cannot read --token-file ${join(h, 'nope.txt')}: no such file`);
    expect(r.stderr).not.toContain('ENOENT');
  });

  it('a missing emulator --manifest says "no such file"', async () => {
    const h = fresh();
    const r = await runRosi(['emulator', '--in-memory', '--port', '0', '--manifest', 'gone.json'], { home: h });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Cannot read --manifest gone.json: no such file');
  });
});
