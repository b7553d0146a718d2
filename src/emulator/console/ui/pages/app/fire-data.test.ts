import { describe, expect, it } from 'vitest';
import { parseData } from './fire-data.js';

describe('parseData (the fire form’s data box)', () => {
  it.each([
    ['empty is no data', '  ', { data: {} }],
    ['an object', '{"name": "Ada", "n": 1}', { data: { name: 'Ada', n: 1 } }],
  ])('%s', (_name, text, want) => expect(parseData(text)).toEqual(want));

  it.each([
    ['not JSON', '{name: Ada}', /^The data is not JSON: /],
    ['an array', '[1]', /must be a JSON object/],
    ['a string', '"Ada"', /must be a JSON object/],
    ['null', 'null', /must be a JSON object/],
  ])('%s is refused, saying why', (_name, text, problem) => expect(parseData(text)).toEqual({ problem: expect.stringMatching(problem) }));
});
