import { describe, expect, it } from 'vitest';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-depth.js';

const nested = (levels: number) => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`) as unknown;

describe('jsonDepthExceeds', () => {
  it('counts each array or object as a level; scalars add none', () => {
    expect(jsonDepthExceeds('x', 0)).toBe(false);
    expect(jsonDepthExceeds({}, 1)).toBe(false);
    expect(jsonDepthExceeds({ a: [1, { b: 'c' }] }, 3)).toBe(false);
    expect(jsonDepthExceeds({ a: [1, { b: 'c' }] }, 2)).toBe(true);
  });

  it('answers for values nested far deeper than the stack allows, without overflowing it', () => {
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(jsonDepthExceeds(nested(200_000), MAX_JSON_DEPTH)).toBe(true);
  });
});
