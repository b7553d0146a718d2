import { describe, expect, it } from 'vitest';
import { MAX_VARIABLE_VALUE_BYTES, variableNameProblem, variableValueProblem } from './variable-rules.js';

describe('variable rules', () => {
  it.each(['A', '_', 'API_KEY', 'a1', '_x_2'])('%s is a usable name', (n) => expect(variableNameProblem(n)).toBeUndefined());
  it.each(['', '1A', 'A-B', 'A B', 'Ä', 'A.B', 'A'.repeat(257)])('%s is not', (n) => expect(variableNameProblem(n)).toBeDefined());

  it('counts a value’s size in UTF-8 bytes, not characters', () => {
    const euros = '€'.repeat(MAX_VARIABLE_VALUE_BYTES / 3 + 1); // 3 bytes each
    expect(euros.length).toBeLessThan(MAX_VARIABLE_VALUE_BYTES);
    expect(variableValueProblem(euros)).toMatch(/bytes, over the 32768-byte limit/);
    expect(variableValueProblem('x'.repeat(MAX_VARIABLE_VALUE_BYTES))).toBeUndefined();
  });

  it('refuses NUL, and quotes no value', () => {
    const p = variableValueProblem('se\0cret');
    expect(p).toMatch(/NUL/);
    expect(p).not.toContain('cret');
  });
});
