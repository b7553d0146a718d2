import { describe, expect, it } from 'vitest';
import { diffNames } from './diff.js';

describe('diffNames', () => {
  it.each([
    { name: 'the same names', file: ['A', 'B'], app: ['B', 'A'], want: { onlyInFile: [], onlyInApp: [] } },
    { name: 'names on one side only, sorted', file: ['Z', 'A', 'M'], app: ['M', 'Y', 'B'], want: { onlyInFile: ['A', 'Z'], onlyInApp: ['B', 'Y'] } },
    { name: 'an empty file', file: [], app: ['A'], want: { onlyInFile: [], onlyInApp: ['A'] } },
    { name: 'an app with none', file: ['A', 'A'], app: [], want: { onlyInFile: ['A'], onlyInApp: [] } },
    { name: 'case matters, as in an environment', file: ['api_key'], app: ['API_KEY'], want: { onlyInFile: ['api_key'], onlyInApp: ['API_KEY'] } },
  ])('$name', ({ file, app, want }) => {
    expect(diffNames(file, app)).toEqual(want);
  });
});
