import { describe, expect, it } from 'vitest';
import { smallYoungGeneration } from './main.js';

describe('smallYoungGeneration: which commands keep V8’s young generation at its starting size', () => {
  it.each([
    { argv: ['datastore', 'import', 'tasks', 'tasks.jsonl'], small: true },
    { argv: ['datastore', 'put', 'tasks', '{}'], small: true },
    { argv: ['deploy'], small: true },
    { argv: ['emulator', '--port', '0'], small: true },
    { argv: ['datastore', 'export', 'tasks', '-o', 'tasks.jsonl'], small: false },
    { argv: ['datastore', '--json', 'export', 'tasks'], small: false },
    { argv: ['activity', '--limit', '0', '--json'], small: false },
    { argv: ['logs', '--tail'], small: false },
    { argv: ['activity', 'trace', 'Tr1'], small: false },
    { argv: ['auth', 'list'], small: false },
    { argv: [], small: false },
  ])('rosi $argv → $small', ({ argv, small }) => {
    expect(smallYoungGeneration(argv)).toBe(small);
  });
});
