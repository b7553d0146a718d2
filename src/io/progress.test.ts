import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../test/helpers/test-context.js';
import { createProgress } from './progress.js';

describe('createProgress', () => {
  it('off a terminal: one line per quarter, nothing on stdout', () => {
    const t = createTestContext({ tty: false });
    let ms = 0;
    const p = createProgress(t.ctx.io, 'Uploading', 4_000_000, () => ms);
    for (const done of [500_000, 1_000_000, 1_500_000, 2_100_000, 3_999_999]) p.update(done);
    ms = 2000;
    p.update(4_000_000);
    p.finish();
    expect(t.stdout()).toBe('');
    const lines = t.stderr().trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^Uploading: 25% \(/);
    expect(lines[3]).toMatch(/^Uploading: 100% \(.*\/s\)$/);
  });

  it('on a terminal: a bar redrawn in place, cleared at the end', () => {
    const t = createTestContext({ tty: true });
    let ms = 0;
    const p = createProgress(t.ctx.io, 'Uploading', 1000, () => ms);
    p.update(10);
    ms = 50;
    p.update(20);
    ms = 500;
    p.update(1000);
    p.finish();
    const out = t.stderr();
    expect(out.split('\r').filter(Boolean).length).toBe(2);
    expect(out).toContain('100%');
    expect(out.endsWith('\r\x1b[2K') || out.endsWith('\r')).toBe(true);
  });
});
