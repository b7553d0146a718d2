import { describe, expect, it } from 'vitest';
import { didYouMean } from './suggest.js';

describe('didYouMean', () => {
  it.each([
    { name: 'a typo', word: 'qurey', candidates: ['get', 'query', 'count'], want: ' (did you mean query?)' },
    { name: 'two letters swapped count once', word: '--jsno', candidates: ['--json', '--team'], want: ' (did you mean --json?)' },
    {
      name: 'a flag cut short names the longer one',
      word: '--output',
      candidates: ['--output-file', '--where', '--resume'],
      want: ' (did you mean --output-file?)',
    },
    {
      name: 'a command cut short names every one it starts',
      word: 'lo',
      candidates: ['list', 'login', 'logout', 'ls'],
      want: ' (did you mean login or logout?)',
    },
    { name: 'nothing close', word: 'xyzzy', candidates: ['deploy', 'datastore', 'activity'], want: '' },
    { name: 'the same candidate twice is named once', word: 'qurey', candidates: ['query', 'query'], want: ' (did you mean query?)' },
  ])('$name', ({ word, candidates, want }) => expect(didYouMean(word, candidates)).toBe(want));
});
