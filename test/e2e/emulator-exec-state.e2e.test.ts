import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, runRosi, sampleApp, tempHome, type RunResult } from '../helpers/e2e.js';

// The state flags through `rosi emulator exec`: a CI job that seeds its app after deploying it, keeps what its
// command left as a snapshot, and starts the next job from that snapshot.

const made: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of made.splice(0)) cleanup();
});

function sandbox(): { home: string; tmp: string } {
  const { home, cleanup } = tempHome();
  made.push(cleanup);
  const tmp = join(home, 'tmp');
  mkdirSync(tmp);
  return { home, tmp };
}

const exec = (s: { home: string; tmp: string }, args: string[], cwd: string): Promise<RunResult> =>
  runRosi(['emulator', 'exec', ...args], { home: s.home, cwd, env: { TMPDIR: s.tmp }, timeoutMs: 90_000 });

/** A shell line run by the command: rosi as built, by this Node. */
const rosi = `'${process.execPath}' '${BIN}'`;

describe('rosi emulator exec with the state flags', () => {
  it('--seed fills the deployed app’s datastore; --export-on-exit keeps the state; --import starts the next run from it', async () => {
    const s = sandbox();
    const project = sampleApp(s.home, 'hello');
    const seeds = join(s.home, 'seeds');
    mkdirSync(seeds);
    const tasks = Array.from({ length: 30 }, (_, i) => JSON.stringify({ id: `t${i}`, title: `Task ${i}`, owner: 'Ada', done: i % 2 === 0 }));
    writeFileSync(join(seeds, 'tasks.jsonl'), `${tasks.join('\n')}\n`);
    const snapshot = join(s.home, 'state.snapshot');

    const first = await exec(
      s,
      ['--deploy', '--seed', seeds, '--export-on-exit', snapshot, '--', 'sh', '-c', `echo "$ROSI_APP_ID"; ${rosi} datastore count --datastore tasks --json`],
      project,
    );
    expect(first.code, first.stderr).toBe(0);

    const [appId = '', ...count] = first.stdout.trim().split('\n');
    expect(appId).toMatch(/^A[A-Z0-9]+$/);
    expect(JSON.parse(count.join('\n'))).toMatchObject({ count: 30 });
    expect(first.stderr).toContain(`Seeded ${appId}’s datastores from ${seeds}: tasks (30)`);
    expect(first.stderr).toContain(`Exported the emulator’s state to ${snapshot}`);
    expect(existsSync(snapshot)).toBe(true);

    // A new job, no deploy: the app, its items and the team come from the snapshot.
    const second = await exec(
      s,
      ['--import', snapshot, '--', 'sh', '-c', `${rosi} datastore query --datastore tasks --app ${appId} --where 'done = true' --json`],
      s.home,
    );
    expect(second.code, second.stderr).toBe(0);
    const { items } = JSON.parse(second.stdout) as { items: { id: string }[] };
    expect(items.map((i) => i.id).sort()).toEqual(
      tasks
        .map((t) => JSON.parse(t) as { id: string; done: boolean })
        .filter((t) => t.done)
        .map((t) => t.id)
        .sort(),
    );
    expect(readdirSync(s.tmp)).toEqual([]);
  }, 180_000);

  it('--seed without an app to seed is refused before anything starts, naming the flag that gives one', async () => {
    const s = sandbox();
    const r = await exec(s, ['--seed', s.home, '--', 'true'], s.home);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--seed needs --deploy (or --manifest <file>)');
    expect(r.stderr).toContain(`rosi emulator exec --deploy --seed ${s.home} -- <command>`);
    expect(readdirSync(s.tmp)).toEqual([]);
  });

  it('an export that cannot be written fails the run (exit 1) after the command, saying the state is lost', async () => {
    const s = sandbox();
    const target = join(s.home, 'no-such-folder', 'state.snapshot');
    const r = await exec(s, ['--export-on-exit', target, '--', 'true'], s.home);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Could not export the emulator’s state to ${target}`);
    expect(r.stderr).toContain('in a temporary folder, so that state is lost');
    expect(r.stderr).not.toContain('rosi emulator start --data-dir');
    expect(readdirSync(s.tmp)).toEqual([]);
  });
});
