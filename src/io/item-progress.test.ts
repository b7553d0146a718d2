import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/helpers/test-context.js';
import { createItemProgress } from './item-progress.js';

describe('createItemProgress', () => {
  it('without a terminal: a line per quarter of the input, not per thousand items', () => {
    const t = createTestContext({ tty: false });
    let ms = 0;
    const p = createItemProgress(t.ctx.io, 'Importing into tasks', () => ms);
    for (let done = 25; done <= 150_000; done += 25) {
      ms = done / 50;
      p.update(done, done / 150_000);
    }
    p.finish(150_000);
    expect(t.stdout()).toBe('');
    expect(t.stderr().trim().split('\n')).toEqual([
      'Importing into tasks: 25%, 37500 items, 50000 items/s, about 3 s left',
      'Importing into tasks: 50%, 75000 items, 50000 items/s, about 2 s left',
      'Importing into tasks: 75%, 112500 items, 50000 items/s, about 1 s left',
      'Importing into tasks: 150000 items in all, 50000 items/s',
    ]);
  });

  it('a line after 10 s without one, so a slow run or one from stdin shows it is alive', () => {
    const t = createTestContext({ tty: false });
    let ms = 0;
    const p = createItemProgress(t.ctx.io, 'Importing into tasks', () => ms);
    for (let s = 1; s <= 25; s++) {
      ms = s * 1000;
      p.update(s * 100);
    }
    expect(t.stderr().trim().split('\n')).toEqual(['Importing into tasks: 1000 items, 100 items/s', 'Importing into tasks: 2000 items, 100 items/s']);
  });

  it('after a resume the rate counts only this run’s items, and quarters start above where it resumed', () => {
    const t = createTestContext({ tty: false });
    let ms = 0;
    const p = createItemProgress(t.ctx.io, 'Importing into tasks', () => ms, 60_000, 0.6);
    ms = 1000;
    p.update(61_000, 0.61);
    ms = 2000;
    p.update(76_000, 0.76);
    p.finish(100_000);
    expect(t.stderr().trim().split('\n')).toEqual([
      'Importing into tasks: 75%, 76000 items, 8000 items/s, about 3 s left',
      'Importing into tasks: 100000 items in all, 20000 items/s',
    ]);
  });

  it('on a terminal: one line redrawn in place at most every 100 ms, cleared before the total', () => {
    const t = createTestContext({ tty: true });
    let ms = 0;
    const p = createItemProgress(t.ctx.io, 'Importing into tasks', () => ms);
    ms = 1000;
    p.update(100, 0.1);
    ms = 1050;
    p.update(200, 0.2);
    ms = 2000;
    p.update(400, 0.4);
    p.finish(1000);
    expect(t.stderr().split('\r')).toEqual([
      '',
      'Importing into tasks: 10%, 100 items, 100 items/s, about 9 s left',
      'Importing into tasks: 40%, 400 items, 200 items/s, about 3 s left',
      'Importing into tasks: 1000 items in all, 500 items/s\n',
    ]);
  });
});
