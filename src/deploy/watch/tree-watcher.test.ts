import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createIgnoreRules } from '../bundle/ignore.js';
import { watchTree, type TreeWatcher } from './tree-watcher.js';
import { createWatchFilter } from './watch-filter.js';

let root: string | undefined;
let watcher: TreeWatcher | undefined;
afterEach(() => {
  watcher?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** A watched project whose changes arrive in `seen`; `until(path)` waits for one (file events, no timers of ours). */
async function watched() {
  root = mkdtempSync(join(tmpdir(), 'rosi-watch-'));
  for (const d of ['functions', 'node_modules/pkg', '.git', 'dist']) mkdirSync(join(root, d), { recursive: true });
  const seen: string[] = [];
  const waiters: (() => void)[] = [];
  const filter = createWatchFilter(createIgnoreRules());
  watcher = watchTree(root, {
    filter: () => filter,
    onChange: (p) => {
      seen.push(p);
      for (const w of waiters) w();
    },
    onError: (e) => {
      throw e;
    },
  });
  await watcher.ready;
  const until = (path: string) =>
    new Promise<void>((resolve) => {
      const check = () => seen.includes(path) && resolve();
      waiters.push(check);
      check();
    });
  return { root, seen, until, write: (p: string, text = 'x') => writeFileSync(join(root!, p), text) };
}

describe('watchTree', () => {
  it('reports a changed source file, not ignored folders or editor files written before it', async () => {
    const w = await watched();
    w.write('node_modules/pkg/index.js');
    w.write('.git/index');
    w.write('dist/out.js');
    w.write('functions/.greet.ts.swp');
    w.write('functions/greet.ts');
    await w.until('functions/greet.ts');
    expect(new Set(w.seen)).toEqual(new Set(['functions/greet.ts']));
  });

  it('watches a folder made after the start, and what is written in it', async () => {
    const w = await watched();
    mkdirSync(join(w.root, 'functions', 'lib'));
    await w.until('functions/lib');
    w.write('functions/lib/util.ts');
    await w.until('functions/lib/util.ts');
  });

  it('reports nothing once closed', async () => {
    const w = await watched();
    watcher!.close();
    w.write('functions/late.ts');
    w.write('manifest.json');
    // A new watcher on the same folder sees the second write, so the first had its chance.
    const again = await watched();
    again.write('functions/now.ts');
    await again.until('functions/now.ts');
    expect(w.seen).toEqual([]);
  });
});
