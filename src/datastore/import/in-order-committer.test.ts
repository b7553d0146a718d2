import { describe, expect, it } from 'vitest';
import { newBatch, type Batch } from './batch.js';
import { InOrderCommitter } from './in-order-committer.js';
import type { ImportCommit, ImportCounts } from './results.js';

const batch = (endLine: number, fill: Partial<Pick<Batch, 'stored' | 'skipped' | 'failures'>> = {}): Batch => ({
  ...newBatch(),
  endLine,
  endOffset: endLine * 10,
  ...fill,
});

describe('InOrderCommitter', () => {
  it('commits in line order when batches finish out of order, adding up the counts', async () => {
    const commits: ImportCommit[] = [];
    const progress: ImportCounts[] = [];
    const c = new InOrderCommitter(
      { commit: async (x) => void commits.push(x), onProgress: (x) => void progress.push(x) },
      { stored: 100, failed: 1, skipped: 0 },
    );
    const [a, b, d] = [
      batch(25, { stored: 25 }),
      batch(50, { stored: 24, skipped: 1 }),
      batch(75, {
        stored: 23,
        failures: [
          { line: 70, reason: 'r', item: 'x' },
          { line: 60, reason: 'r', item: 'y' },
        ],
      }),
    ];
    for (const x of [a, b, d]) c.enqueue(x);
    await c.finish(d);
    await c.finish(b);
    expect(commits).toEqual([]);
    await c.finish(a);
    expect(commits.map((x) => [x.line, x.offset, x.stored, x.failed, x.skipped])).toEqual([
      [25, 250, 125, 1, 0],
      [50, 500, 149, 1, 1],
      [75, 750, 172, 3, 1],
    ]);
    // Failures in line order.
    expect(commits[2]!.failures.map((f) => f.line)).toEqual([60, 70]);
    expect(progress).toEqual([
      { stored: 125, failed: 1, skipped: 0 },
      { stored: 149, failed: 1, skipped: 1 },
      { stored: 172, failed: 3, skipped: 1 },
    ]);
    expect(c.counts).toEqual({ stored: 172, failed: 3, skipped: 1 });
  });

  it('one commit at a time: the next waits until the one before has ended', async () => {
    let open = 0;
    let peak = 0;
    const lines: number[] = [];
    const c = new InOrderCommitter({
      commit: async (x) => {
        peak = Math.max(peak, ++open);
        await new Promise((res) => setTimeout(res, x.line === 1 ? 20 : 1));
        lines.push(x.line);
        open--;
      },
    });
    const bs = [1, 2, 3].map((n) => batch(n));
    for (const b of bs) c.enqueue(b);
    // Each finishes while the commits before it are still under way.
    const all = [c.finish(bs[0]!), c.finish(bs[1]!), c.finish(bs[2]!)];
    await Promise.all(all);
    expect(lines).toEqual([1, 2, 3]);
    expect(peak).toBe(1);
  });

  it('a failed commit rejects, and settle still resolves', async () => {
    const c = new InOrderCommitter({
      commit: async () => {
        throw new Error('disk full');
      },
    });
    const b = batch(1);
    c.enqueue(b);
    await expect(c.finish(b)).rejects.toThrow('disk full');
    await expect(c.settle()).resolves.toBeUndefined();
  });
});
