import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/helpers/test-context.js';
import { createCountProgress } from './count-progress.js';

describe('createCountProgress', () => {
  it('one line each time the count passes a multiple, then a total with the rate', () => {
    const t = createTestContext({ tty: false });
    let ms = 0;
    const p = createCountProgress(t.ctx.io, 'Exporting tasks', () => ms, 100);
    ms = 1000;
    for (const n of [50, 100, 150, 350, 360]) p.update(n);
    ms = 2000;
    p.finish(400);
    expect(t.stdout()).toBe('');
    expect(t.stderr().trim().split('\n')).toEqual([
      'Exporting tasks: 100 items, 100 items/s',
      'Exporting tasks: 350 items, 350 items/s',
      'Exporting tasks: 400 items in all, 200 items/s',
    ]);
  });
});
