import { describe, expect, it } from 'vitest';
import { lookup, missingReferences, resolveTemplates } from './templates.js';

const trip = { data: { channel: 'C1', n: 3, user: { id: 'U1' }, empty: null }, event_timestamp: 1_790_000_000 };

describe('trip templates', () => {
  it('lookup walks data paths and knows event_timestamp', () => {
    expect(lookup('data.user.id', trip)).toBe('U1');
    expect(lookup('event_timestamp', trip)).toBe(1_790_000_000);
    expect(lookup('data.user.name', trip)).toBeUndefined();
    expect(lookup('data.empty', trip)).toBeUndefined();
    expect(lookup('inputs.x', trip)).toBeUndefined();
  });

  it('missingReferences lists each reference the trip cannot fill, once', () => {
    expect(missingReferences({ a: '{{data.channel}}', b: ['{{data.nope}} and {{ data.nope }}', '{{data.empty}}'] }, trip)).toEqual(['data.nope', 'data.empty']);
    expect(missingReferences('no templates', trip)).toEqual([]);
  });

  it('resolveTemplates keeps a whole reference’s type and writes embedded ones as text', () => {
    expect(resolveTemplates('{{data.n}}', trip)).toBe(3);
    expect(resolveTemplates('{{ data.user }}', trip)).toEqual({ id: 'U1' });
    expect(resolveTemplates('n={{data.n}} u={{data.user}} x={{data.nope}}', trip)).toBe('n=3 u={"id":"U1"} x=');
    expect(resolveTemplates({ list: ['{{data.channel}}', 7] }, trip)).toEqual({ list: ['C1', 7] });
  });
});
