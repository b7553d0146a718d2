import { describe, expect, it } from 'vitest';
import { resolveStepInputs } from './step-templates.js';

const scope = {
  inputs: { text: 'hi', count: 3, user: { id: 'U1', tags: ['a'] }, off: false },
  steps: { '0': { reversed: 'ih', meta: { n: 2 } }, '1': { none: null } },
};

describe('resolveStepInputs (runtime contract §3.2)', () => {
  it.each([
    { name: 'a whole template keeps a string', value: '{{inputs.text}}', want: 'hi' },
    { name: 'a whole template keeps a number', value: '{{inputs.count}}', want: 3 },
    { name: 'a whole template keeps false', value: '{{inputs.off}}', want: false },
    { name: 'a whole template keeps an object', value: '{{ inputs.user }}', want: { id: 'U1', tags: ['a'] } },
    { name: 'nested properties by dots', value: '{{inputs.user.id}}', want: 'U1' },
    { name: 'an earlier step’s output', value: '{{steps.0.reversed}}', want: 'ih' },
    { name: 'an embedded string', value: 'say {{steps.0.reversed}}!', want: 'say ih!' },
    { name: 'an embedded number and object are JSON', value: '{{inputs.count}} {{steps.0.meta}}', want: '3 {"n":2}' },
    { name: 'templates inside objects and arrays', value: { a: ['{{inputs.count}}', 'x{{inputs.text}}'] }, want: { a: [3, 'xhi'] } },
    { name: 'plain values pass', value: 7, want: 7 },
  ])('$name', ({ value, want }) => {
    expect(resolveStepInputs({ v: value }, scope)).toEqual({ values: { v: want }, missing: [] });
  });

  it('an input nobody gave leaves the input out; embedded, it is written as nothing', () => {
    expect(resolveStepInputs({ a: '{{inputs.note}}', b: 'note: {{inputs.note}}' }, scope)).toEqual({ values: { b: 'note: ' }, missing: [] });
  });

  it('a step output no earlier step produced (or produced as null) is missing, whole or embedded', () => {
    expect(resolveStepInputs({ a: '{{steps.0.nope}}', b: 'x {{steps.2.y}}', c: '{{steps.1.none}}' }, scope).missing).toEqual([
      'steps.0.nope',
      'steps.2.y',
      'steps.1.none',
    ]);
  });
});
