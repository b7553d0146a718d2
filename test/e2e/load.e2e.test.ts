import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control, runRosi, SEEDED_APP, startSeededEmulator, tempHome, type EmulatorHandle, type RunResult } from '../helpers/e2e.js';
import { loginSplit, rotateCount } from './login-helpers.js';

const manifest = {
  display_information: { name: 'Load' },
  functions: {},
  settings: { function_runtime: 'slack' },
  datastores: { tasks: { primary_key: 'id', attributes: { id: { type: 'string' }, n: { type: 'integer' }, owner: { type: 'string' } } } },
};

let emu: EmulatorHandle;
let home: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  emu = await startSeededEmulator(home, manifest);
  await loginSplit(emu, home);
});
afterAll(async () => {
  await emu?.stop();
  cleanup?.();
});

const credsFile = () => join(home, '.slack', 'credentials.json');

describe('20 rosi processes (datastore and activity) at once on one expiring login', () => {
  it('all succeed, the token is rotated once, the credentials file stays whole, the emulator stays up', async () => {
    const creds = JSON.parse(readFileSync(credsFile(), 'utf8')) as Record<string, { exp: number }>;
    // Within the refresh margin: every process wants a new token, only one may rotate.
    creds[emu.teamId]!.exp = Math.floor(Date.now() / 1000) + 60;
    writeFileSync(credsFile(), JSON.stringify(creds, null, 2), { mode: 0o600 });
    const before = await rotateCount(emu);

    const app = ['--app', SEEDED_APP];
    const jobs: Promise<RunResult>[] = [];
    for (let i = 0; i < 20; i++) {
      const item = JSON.stringify({ id: `p${i}`, n: i, owner: i % 2 ? 'ana' : 'bo' });
      const args = [
        ['datastore', 'put', '--datastore', 'tasks', '--item', item, ...app],
        ['datastore', 'get', 'p0', '--datastore', 'tasks', '--json', ...app],
        ['datastore', 'query', '--datastore', 'tasks', '--where', 'n >= 0', '--json', ...app],
        ['datastore', 'count', '--datastore', 'tasks', '--json', ...app],
        ['activity', '--limit', '0', '--json', ...app],
      ][i % 5] as string[];
      jobs.push(runRosi(args, { home, timeoutMs: 60_000 }));
    }
    const results = await Promise.all(jobs);
    // get p0 may run before put p0 lands: "not found" (exit 1) is a correct answer then.
    for (const [i, r] of results.entries()) {
      if (i % 5 === 1 && r.code === 1) expect(r.stderr).toContain('item_not_found');
      else expect(r.code, `job ${i}: ${r.stderr}`).toBe(0);
    }

    expect(await rotateCount(emu)).toBe(before + 1);
    expect(statSync(credsFile()).mode & 0o777).toBe(0o600);
    const after = JSON.parse(readFileSync(credsFile(), 'utf8')) as Record<string, { exp: number }>;
    expect(after[emu.teamId]!.exp).toBeGreaterThan(Math.floor(Date.now() / 1000) + 3600);
    const stored = await control<{ items: { id: string }[] }>(emu, `datastore?app_id=${SEEDED_APP}&datastore=tasks`);
    expect(stored.items.map((x) => x.id).sort()).toEqual(['p0', 'p10', 'p15', 'p5']);
    // Every datastore request the 16 datastore processes made is in the app's log.
    const log = await runRosi(['activity', '--limit', '0', '--json', '--event', 'datastore_request_result', ...app], { home });
    expect(log.code, log.stderr).toBe(0);
    expect(log.stdout.trim().split('\n')).toHaveLength(16);
    const status = await runRosi(['auth', 'status', '--json'], { home });
    expect(status.code, status.stderr).toBe(0);
  }, 120_000);
});
