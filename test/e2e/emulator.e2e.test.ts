import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, baseEnv, control, runRosi, startEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';
import { defaultSqliteDriver } from '../helpers/sqlite-driver.js';

describe('rosi emulator (built CLI)', () => {
  let home: string;
  let cleanup: () => void;
  const running: EmulatorHandle[] = [];
  beforeEach(() => ({ home, cleanup } = tempHome()));
  afterEach(async () => {
    await Promise.all(running.splice(0).map((e) => e.stop()));
    cleanup();
  });
  const start = async (args?: string[]) => {
    const emu = await startEmulator(args, home);
    running.push(emu);
    return emu;
  };

  it('prints exactly one JSON line on stdout once listening; the rest goes to stderr', async () => {
    const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', '--json', '--in-memory'], {
      cwd: home,
      env: baseEnv(home),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
    const info = JSON.parse(line) as Record<string, unknown>;
    expect(info).toEqual({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      api_host: info.url,
      data_dir: null,
      control: false,
      team_id: expect.stringMatching(/^T[A-Z0-9]{10}$/),
      sqlite: defaultSqliteDriver(),
      console_url: `${String(info.url)}/`,
    });
    const r = await fetch(`${String(info.url)}/api/auth.test`, { method: 'POST' });
    expect(await r.json()).toEqual({ ok: false, error: 'not_authed' });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    child.kill('SIGTERM');
    // Stopped by a signal, rosi reports "interrupted" (130) after shutting down by itself.
    expect(await exited).toEqual({ code: 130, signal: null });
    expect(stdout).toBe(`${line}\n`);
    expect(stderr).toContain(`Log in with: rosi login --apihost ${String(info.url)}`);
    // Node 22 announces node:sqlite as experimental when it loads: not on the emulator's stderr.
    expect(stderr).not.toMatch(/Warning/);
    expect(stderr).toContain('Emulator stopped.');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a busy port with a clear error and no stack trace', async () => {
    const first = await start();
    const port = new URL(first.url).port;
    const r = await runRosi(['emulator', '--port', port, '--in-memory'], { home });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`Port ${port} is already in use`);
    expect(r.stderr).toContain('--port 0');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('keeps logins across restarts with --data-dir', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rosi-emu-data-'));
    try {
      const first = await start(['--data-dir', dataDir, '--control']);
      const port = new URL(first.url).port;
      const started = await runRosi(['login', '--no-prompt', '--json', '--apihost', first.url], { home });
      const { ticket } = JSON.parse(started.stdout) as { ticket: string };
      const { challenge } = await control<{ challenge: string }>(first, 'approve', { ticket });
      const done = await runRosi(['login', '--ticket', ticket, '--challenge', challenge, '--apihost', first.url], { home });
      expect(done.code, done.stderr).toBe(0);
      await first.stop();

      // Same port, so the stored login's api_host still points at it.
      const second = await start(['--data-dir', dataDir, '--port', port]);
      expect(second.url).toBe(first.url);
      expect(second.teamId).toBe(first.teamId);
      const status = await runRosi(['auth', 'status', '--apihost', second.url], { home });
      expect(status.code, status.stderr).toBe(0);
      const creds = JSON.parse(readFileSync(join(home, '.slack', 'credentials.json'), 'utf8')) as Record<string, { token: string }>;
      const token = creds[second.teamId]?.token ?? '';
      const r = await fetch(`${second.url}/api/auth.test`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `token=${token}`,
      });
      expect(await r.json()).toMatchObject({ ok: true, team_id: first.teamId, user_id: 'U0EMULATOR' });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
