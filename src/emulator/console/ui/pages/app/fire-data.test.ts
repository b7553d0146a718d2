import { describe, expect, it } from 'vitest';
import { dataSkeleton, parseData } from './fire-data.js';

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

describe('dataSkeleton (the data box’s first text)', () => {
  it.each([
    ['no paths', [], {}],
    ['flat paths', ['name', 'channel'], { name: '', channel: '' }],
    ['nested paths', ['user.id', 'user.name', 'text'], { user: { id: '', name: '' }, text: '' }],
    ['a path under one already a value', ['user', 'user.id'], { user: { id: '' } }],
  ])('%s', (_name, paths, want) => expect(JSON.parse(dataSkeleton(paths))).toEqual(want));
});
