import { describe, expect, it } from 'vitest';
import { BatchBuilder, failEntry } from './batch.js';

const item = (id: string, v = 0) => ({ item: { id, v }, bytes: 10 });

describe('BatchBuilder', () => {
  it('folds a key already in the batch into one entry: the last line wins, and every line counts', () => {
    const bs = new BatchBuilder('id', 1000);
    bs.add(1, item('a', 1));
    bs.add(2, item('b'));
    bs.add(3, item('a', 3));
    const b = bs.take(3, 30);
    expect(b.entries.map((e) => [e.line, e.item])).toEqual([
      [3, { id: 'a', v: 3 }],
      [2, { id: 'b', v: 0 }],
    ]);
    expect(b.entries[0]!.earlier).toEqual([{ line: 1, item: { id: 'a', v: 1 } }]);
    expect([b.lines, b.bytes, b.endLine, b.endOffset]).toEqual([3, 30, 3, 30]);
    // Both lines of a folded entry fail with it.
    failEntry(b, b.entries[0]!, 'why');
    expect(b.failures.map((f) => f.line)).toEqual([1, 3]);
  });

  it('refuses an item over the byte cap beside others, but takes one alone, and a folded key always', () => {
    const bs = new BatchBuilder('id', 25);
    expect(bs.add(1, { item: { id: 'big' }, bytes: 40 })).toBe(true);
    expect(bs.add(2, item('a'))).toBe(false);
    expect(bs.add(3, item('big'))).toBe(true);
    expect(bs.current.lines).toBe(2);
    bs.take(3, 0);
    expect(bs.empty).toBe(true);
    expect(bs.add(2, item('a'))).toBe(true);
  });

  it('is full at 25 lines or 25 failures; blank lines alone still make a batch to commit', () => {
    const bs = new BatchBuilder('id', 1e6);
    for (let i = 0; i < 24; i++) bs.add(i + 1, item(String(i)));
    expect(bs.full).toBe(false);
    bs.add(25, item('a'));
    expect(bs.full).toBe(true);
    bs.take(25, 0);
    for (let i = 0; i < 25; i++) bs.current.failures.push({ line: i, reason: 'r', item: 'x' });
    expect(bs.full).toBe(true);
    bs.take(50, 0);
    bs.current.skipped++;
    expect(bs.empty).toBe(false);
  });
});
