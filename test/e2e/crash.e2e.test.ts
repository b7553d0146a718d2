import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BIN, baseEnv, control, runRosi, startEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';

let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => emu.stop());

/** A service token from the emulator, through the split ticket flow. */
async function serviceToken(home: string): Promise<string> {
  const start = await runRosi(['auth', 'token', '--no-prompt', '--json', '--apihost', emu.url], { home });
  const { ticket } = JSON.parse(start.stdout) as { ticket: string };
  const { challenge } = await control<{ challenge: string }>(emu, 'approve', { ticket });
  const done = await runRosi(['auth', 'token', '--ticket', ticket, '--challenge', challenge, '--apihost', emu.url], { home });
  return done.stdout.trim();
}

it('SIGKILL while credentials are written leaves the old file or the new one, never a broken one', async () => {
  const { home, cleanup } = tempHome();
  try {
    const token = await serviceToken(home);
    const dir = join(home, '.slack');
    const file = join(dir, 'credentials.json');
    mkdirSync(dir, { recursive: true });
    // A large file makes each write take long enough to be killed in the middle.
    const old: Record<string, unknown> = {};
    for (let i = 0; i < 6000; i++) {
      const id = `T0FILL${String(i).padStart(5, '0')}`;
      old[id] = {
        token: `placeholder-${i}`,
        team_domain: `team-${i}`,
        team_id: id,
        user_id: 'U0FILL0001',
        last_updated: '2026-11-28T00:00:00Z',
        note: 'x'.repeat(200),
      };
    }
    const oldText = JSON.stringify(old, null, 2);
    let killedMidWrite = 0;
    for (let round = 0; round < 8; round++) {
      writeFileSync(file, oldText, { mode: 0o600 });
      const child = spawn(process.execPath, [BIN, 'login', '--token', token, '--apihost', emu.url], { env: baseEnv(home), stdio: 'ignore' });
      const closed = new Promise((r) => child.on('close', r));
      // Even rounds kill the moment the temp file appears (inside the write); odd rounds
      // at a random moment of the run.
      if (round % 2 === 0) {
        const deadline = Date.now() + 10_000;
        while (Date.now() < deadline && child.exitCode === null && !readdirSync(dir).some((f) => f.endsWith('.tmp'))) await new Promise((r) => setImmediate(r));
      } else {
        await new Promise((r) => setTimeout(r, 20 + Math.floor(Math.random() * 150)));
      }
      child.kill('SIGKILL');
      await closed;
      const text = readFileSync(file, 'utf8');
      const parsed = JSON.parse(text) as Record<string, { token?: string }>;
      const entry = parsed[emu.teamId];
      if (entry) expect(entry.token).toBe(token);
      else expect(text).toBe(oldText);
      expect(Object.keys(parsed).length).toBeGreaterThanOrEqual(6000);
      // A killed write leaves its temp file (and the lock, broken by the next run once stale).
      const leftovers = readdirSync(dir).filter((f) => f.endsWith('.tmp'));
      killedMidWrite += leftovers.length;
      for (const f of leftovers) rmSync(join(dir, f));
    }
    // The test is only meaningful if some kills landed inside a write.
    expect(killedMidWrite).toBeGreaterThan(0);
    // The last kill left the lock behind: the next writer breaks it once stale and saves.
    const after = await runRosi(['login', '--token', token, '--apihost', emu.url], { home });
    expect(after.code, after.stderr).toBe(0);
    expect((JSON.parse(readFileSync(file, 'utf8')) as Record<string, { token?: string }>)[emu.teamId]?.token).toBe(token);
  } finally {
    cleanup();
  }
}, 180_000);
