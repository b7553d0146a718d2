import { describe, expect, it } from 'vitest';
import { filterPasses } from './evaluate-filter.js';

const trip = (data: unknown) => ({ data, event_timestamp: 1_790_000_000 });
const statement = (s: string) => ({ version: 1, root: { statement: s } });

describe('filterPasses', () => {
  it.each([
    { name: 'text equality', filter: statement('{{data.value}} == apple'), data: { value: 'apple' }, want: true },
    { name: 'text inequality', filter: statement('{{data.value}} != banana'), data: { value: 'apple' }, want: true },
    { name: 'quotes around a literal are dropped', filter: statement('{{data.value}} == "apple pie"'), data: { value: 'apple pie' }, want: true },
    { name: 'numbers compare as numbers', filter: statement('{{data.value}} == 3'), data: { value: 3.0 }, want: true },
    { name: 'a numeric string is a number', filter: statement('{{data.value}} > 2'), data: { value: '10' }, want: true },
    { name: '< between numbers', filter: statement('{{data.value}} < 2'), data: { value: 10 }, want: false },
    { name: '> with text never holds', filter: statement('{{data.value}} > a'), data: { value: 'b' }, want: false },
    { name: 'true equals "true"', filter: statement('{{data.flag}} == true'), data: { flag: true }, want: true },
    { name: 'a nested path', filter: statement('{{data.user.id}} == U1'), data: { user: { id: 'U1' } }, want: true },
    { name: 'a missing reference is null', filter: statement('{{data.nope}} == apple'), data: {}, want: false },
    { name: 'a missing reference != something', filter: statement('{{data.nope}} != apple'), data: {}, want: true },
    { name: 'no spaces around the comparison', filter: statement('{{data.kind}}==deploy'), data: { kind: 'deploy' }, want: true },
    { name: 'a statement without a comparison', filter: statement('{{data.kind}}'), data: { kind: 'deploy' }, want: false },
    { name: 'a reference path holding a comparison sign', filter: statement('{{data.a<b}} == 1'), data: { 'a<b': 1 }, want: true },
  ])('$name → $want', ({ filter, data, want }) => {
    expect(filterPasses(filter, trip(data))).toBe(want);
  });

  const and = { operator: 'AND', inputs: [{ statement: '{{data.value}} > 2' }, { statement: '{{data.value}} < 5' }] };
  const or = { operator: 'OR', inputs: [{ statement: '{{data.user_id}} == U1' }, { statement: '{{data.user_id}} == U2' }] };
  const not = { operator: 'NOT', inputs: [{ statement: '{{data.user_id}} == U1' }, { statement: '{{data.user_id}} == U2' }] };
  it.each([
    { name: 'AND, all hold', root: and, data: { value: 3 }, want: true },
    { name: 'AND, one fails', root: and, data: { value: 7 }, want: false },
    { name: 'OR, one holds', root: or, data: { user_id: 'U2' }, want: true },
    { name: 'OR, none holds', root: or, data: { user_id: 'U3' }, want: false },
    { name: 'NOT over several: none of them', root: not, data: { user_id: 'U3' }, want: true },
    { name: 'NOT, one holds', root: not, data: { user_id: 'U1' }, want: false },
    { name: 'nested', root: { operator: 'OR', inputs: [or, { operator: 'AND', inputs: [and, not] }] }, data: { user_id: 'U9', value: 4 }, want: true },
    { name: 'an unknown operator', root: { operator: 'XOR', inputs: [{ statement: '1 == 1' }] }, data: {}, want: false },
  ])('$name → $want', ({ root, data, want }) => {
    expect(filterPasses({ version: 1, root }, trip(data))).toBe(want);
  });

  it('a filter that is not an object lets nothing through', () => {
    expect(filterPasses('yes', trip({}))).toBe(false);
  });
});
