import { describe, expect, it } from 'vitest';
import { formatSpan } from './span-duration.js';

describe('formatSpan', () => {
  it.each([
    [0, '0 ms'],
    [850, '850 µs'],
    [999.4, '999 µs'],
    [1000, '1 ms'],
    [120_400, '120 ms'],
    [999_600, '1.00 s'],
    [1_234_000, '1.23 s'],
    [59_990_000, '59.99 s'],
    [59_999_000, '1 min 0 s'],
    [125_000_000, '2 min 5 s'],
    [-5, '0 ms'],
  ])('%d µs → %s', (micros, want) => expect(formatSpan(micros)).toBe(want));
});
