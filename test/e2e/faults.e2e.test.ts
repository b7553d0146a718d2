import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnRosi, type NewActivity } from '../helpers/activity-e2e.js';
import { control, ROOT, runRosi, startEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';

// Each fault kind of `rosi emulator --faults`, aimed at one family at a time, while rosi logs
// in, deploys, imports and exports, and tails: rosi must finish (retrying where a repeat is
// safe, failing clearly where it is not), and no item or event may be lost or doubled.
const KINDS = [
  { kind: '429=1', safe: true },
  { kind: '503=1', safe: true },
  { kind: 'latency=150ms', safe: true },
  // A 503 without Retry-After may have been processed; 500 and drop come after the method ran:
  // a client cannot know whether its request took effect.
  { kind: '503', safe: false },
  { kind: '500', safe: false },
  { kind: 'drop', safe: false },
] as const;

let emu: EmulatorHandle | undefined;
let cleanup: (() => void) | undefined;
afterEach(async () => {
  await emu?.stop();
  cleanup?.();
  emu = undefined;
});

const faults = (spec: string) => control(emu!, 'faults', { spec });

async function login(home: string): Promise<{ code: number | null; stderr: string }> {
  const start = await runRosi(['login', '--no-prompt', '--json', '--apihost', emu!.url], { home });
  expect(start.code, start.stderr).toBe(0);
  const { ticket } = JSON.parse(start.stdout) as { ticket: string };
  const { challenge } = await control<{ challenge: string }>(emu!, 'approve', { ticket });
  return runRosi(['login', '--ticket', ticket, '--challenge', challenge, '--apihost', emu!.url], { home });
}

describe.each(KINDS)('under $kind faults', ({ kind, safe }) => {
  it('login, deploy, import/export and tail all finish with nothing lost or doubled', async () => {
    let home: string;
    ({ home, cleanup } = tempHome());
    emu = await startEmulator(['--in-memory', '--control']);

    // Login: the ticket request goes through, the exchange is hit.
    await faults(`auth:${kind}@50%`);
    const first = await login(home);
    if (safe) {
      expect(first.code, first.stderr).toBe(0);
    } else {
      // The exchange is not repeatable (the ticket is spent), so rosi stops and says what to do.
      expect(first.code).toBe(1);
      expect(first.stderr).toContain('rosi login');
      expect(first.stderr).not.toMatch(/\n\s+at /);
      await faults('');
      const again = await login(home);
      expect(again.code, again.stderr).toBe(0);
    }

    // Deploy twice: presign, upload and activation are repeatable; app creation only under refusals.
    await faults(`hosting:${kind}@50%,upload:${kind}@50%${safe ? `,apps:${kind}@50%` : ''}`);
    const app = join(home, 'app');
    cpSync(join(ROOT, 'examples', 'hello-rosi'), app, { recursive: true });
    for (let i = 0; i < 2; i++) {
      const r = await runRosi(['deploy', '--json'], { home, cwd: app, timeoutMs: 60_000 });
      expect(r.code, r.stderr).toBe(0);
    }
    const appId = (JSON.parse(readFileSync(join(app, '.slack', 'apps.json'), 'utf8')) as { apps: Record<string, { app_id: string }> }).apps[emu!.teamId]!
      .app_id;
    const deployments = await control<unknown[]>(emu, `deployments?app_id=${appId}`);
    expect(deployments.length).toBeGreaterThanOrEqual(2);

    // Import 250 items and export them: every batch is a repeatable bulkPut keyed by id.
    await faults(`datastore:${kind}@20%`);
    const items = Array.from({ length: 250 }, (_, i) => ({ id: `i${i}`, title: `Item ${i}`, done: i % 2 === 0 }));
    writeFileSync(join(app, 'items.jsonl'), `${items.map((x) => JSON.stringify(x)).join('\n')}\n`);
    const imported = await runRosi(['datastore', 'import', 'tasks', 'items.jsonl'], { home, cwd: app, timeoutMs: 60_000 });
    expect(imported.code, imported.stderr).toBe(0);
    const exported = await runRosi(['datastore', 'export', 'tasks'], { home, cwd: app, timeoutMs: 60_000 });
    expect(exported.code, exported.stderr).toBe(0);
    const lines = exported.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string });
    expect(lines).toHaveLength(250);
    expect(new Set(lines.map((x) => x.id)).size).toBe(250);
    await faults('');
    const stored = await control<{ items: { id: string }[] }>(emu, `datastore?app_id=${appId}&datastore=tasks`);
    expect(stored.items.map((x) => x.id).sort()).toEqual(items.map((x) => x.id).sort());

    // Tail: three bursts while polls fail; each event printed once, in order. --limit 0: a slow
    // start may find two bursts already there, and the backlog must not cut the first.
    await faults(`activities:${kind}@30%`);
    const tail = spawnRosi(['activity', '--tail', '--interval', '0.2', '--idle', '0', '--limit', '0', '--json', '--trace-id', 'TrFAULT', '--app', appId], {
      home,
      env: { TZ: 'UTC' },
    });
    const sent: string[] = [];
    const t = Date.now() * 1000;
    for (let b = 0; b < 3; b++) {
      const burst: NewActivity[] = Array.from({ length: 100 }, (_, i) => ({
        event_type: 'function_execution_output',
        source: 'developer',
        trace_id: 'TrFAULT',
        payload: { k: `${b}-${i}` },
        created: t + b * 10 + (i % 3),
      }));
      await control(emu, 'activities', { app_id: appId, activities: burst });
      sent.push(...[...burst].sort((x, y) => (x.created as number) - (y.created as number)).map((a) => (a.payload as { k: string }).k));
      await new Promise((r) => setTimeout(r, 300));
    }
    await tail.waitForLines(300, 30_000);
    await new Promise((r) => setTimeout(r, 600));
    tail.signal('SIGINT');
    expect((await tail.exit).code).toBe(130);
    expect(tail.lines().map((l) => (JSON.parse(l) as { payload: { k: string } }).payload.k)).toEqual(sent);
  }, 120_000);
});
