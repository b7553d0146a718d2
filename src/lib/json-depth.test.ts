import { describe, expect, it } from 'vitest';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-depth.js';

const nested = (levels: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

describe('jsonDepthExceeds', () => {
  it.each([
    { name: 'a scalar is depth 0', value: 'x', max: 0, want: false },
    { name: 'an empty object is depth 1', value: {}, max: 0, want: true },
    { name: 'exactly at the limit', value: nested(3), max: 3, want: false },
    { name: 'one level over', value: nested(4), max: 3, want: true },
    { name: 'a deep branch beside shallow ones', value: { a: 1, b: [[[]]], c: {} }, max: 2, want: true },
  ])('$name', ({ value, max, want }) => {
    expect(jsonDepthExceeds(value, max)).toBe(want);
  });

  it('a value nested 100,000 levels is measured without overflowing the stack', () => {
    expect(jsonDepthExceeds(nested(100_000), MAX_JSON_DEPTH)).toBe(true);
  });
});
