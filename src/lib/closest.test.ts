import { describe, expect, it } from 'vitest';
import { closest } from './closest.js';

describe('closest', () => {
  it.each([
    { name: 'a dropped letter', word: 'ownr', want: 'owner' },
    { name: 'two letters swapped', word: 'titel', want: 'title' },
    { name: 'case does not count', word: 'TASK', want: 'tasks' },
    { name: 'nothing near', word: 'colour', want: undefined },
    { name: 'a short word takes one edit at most', word: 'ab', want: undefined },
  ])('$name: $word → $want', ({ word, want }) => {
    expect(closest(word, ['owner', 'title', 'tasks', 'n', 'xyz'])).toBe(want);
  });
});
