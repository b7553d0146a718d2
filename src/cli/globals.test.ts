import { describe, expect, it } from 'vitest';
import { splitGlobalFlags } from './globals.js';

describe('splitGlobalFlags (pass-through commands)', () => {
  it.each([
    { name: 'the completion protocol', words: ['teams', '--config-dir', '/c d', '--', 'al'], rest: ['teams', 'al'], globals: { configDir: '/c d' } },
    { name: '--config-dir=D', words: ['apps', '--config-dir=/c', '--', ''], rest: ['apps', ''], globals: { configDir: '/c' } },
    { name: 'words after -- are never flags', words: ['teams', '--', '--json'], rest: ['teams', '--json'], globals: { json: false } },
    { name: 'boolean, short and negated global flags', words: ['-v', '--no-color', '--json', 'teams'], rest: ['teams'], globals: { verbose: true, color: false, json: true } },
    { name: 'a short value flag', words: ['-w', 'T1', 'teams'], rest: ['teams'], globals: { team: 'T1' } },
    { name: 'flags that are not global stay words', words: ['teams', '--nope', '-x'], rest: ['teams', '--nope', '-x'], globals: {} },
    { name: 'nothing', words: [], rest: [], globals: { json: false, color: true, verbose: false, prompt: true, force: false } },
  ])('$name', ({ words, rest, globals }) => {
    const r = splitGlobalFlags(words);
    expect(r.rest).toEqual(rest);
    expect(r.globals).toMatchObject(globals);
  });
});
