import { describe, expect, it } from 'vitest';
import { readSettings, splitGlobalFlags } from './globals.js';

describe('splitGlobalFlags (pass-through commands)', () => {
  it.each([
    { name: 'the completion protocol', words: ['teams', '--config-dir', '/c d', '--', 'al'], rest: ['teams', 'al'], settings: { configDir: '/c d' } },
    { name: '--config-dir=D', words: ['apps', '--config-dir=/c', '--', ''], rest: ['apps', ''], settings: { configDir: '/c' } },
    { name: 'words after -- are never flags', words: ['teams', '--', '--json'], rest: ['teams', '--json'], settings: { json: false } },
    {
      name: 'boolean, short and negated global flags',
      words: ['-v', '--no-color', '--json', 'teams'],
      rest: ['teams'],
      settings: { verbose: true, color: false, json: true },
    },
    { name: 'a short value flag', words: ['-w', 'T1', 'teams'], rest: ['teams'], settings: { team: 'T1' } },
    { name: 'flags that are not global stay words', words: ['teams', '--nope', '-x'], rest: ['teams', '--nope', '-x'], settings: {} },
    { name: 'nothing', words: [], rest: [], settings: { json: false, color: true, verbose: false, prompt: true } },
  ])('$name', ({ words, rest, settings }) => {
    const r = splitGlobalFlags(words);
    expect(r.rest).toEqual(rest);
    expect(readSettings(r.flags)).toMatchObject(settings);
  });

  it('keys the flags as commander does, for the command to parse', () => {
    expect(splitGlobalFlags(['-f', '--token-file=t', '--app', 'A1', 'apps']).flags).toEqual({ force: true, tokenFile: 't', app: 'A1' });
  });
});
