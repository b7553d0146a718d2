import { describe, expect, it } from 'vitest';
import { encodeJson, RawJson } from './raw-json.js';

const raw = (value: unknown) => new RawJson(Buffer.from(JSON.stringify(value)));
const items = [{ id: 'a', name: 'Ünïcode “quotes” \\ and , commas ]}' }, { id: 'b', nested: { list: [1, [2, { x: '[' }]] } }, { id: 'c' }];

describe('answers holding JSON as it already was', () => {
  it.each([
    { name: 'an answer without raw values', body: { ok: true, datastore: 'd', items } },
    { name: 'raw items between other fields', body: { ok: true, items: raw(items), response_metadata: { next_cursor: 'c1' } } },
    { name: 'raw value first, undefined fields left out', body: { items: raw([]), gone: undefined, ok: true } },
    { name: 'two raw values', body: { a: raw({ k: 1 }), b: raw('text') } },
  ])('$name: the same bytes as JSON.stringify of the values', ({ body }) => {
    const expected = JSON.stringify(body, (_k, v: unknown) => (v instanceof RawJson ? v.parse() : v));
    expect(encodeJson(body).toString('utf8')).toBe(expected);
  });

  it('parses back to the value it holds', () => {
    expect(raw(items).parse()).toEqual(items);
  });

  it('previews an array from its first bytes only, saying when entries were left out', () => {
    expect(raw(items).preview(10_000)).toEqual({ value: items, cut: false });
    expect(raw(items).preview(10)).toEqual({ value: [items[0]], cut: true });
    expect(raw([]).preview(10)).toEqual({ value: [], cut: false });
    expect(new RawJson(Buffer.from(' [ 1 , 2 ] '.trim())).preview(100)).toEqual({ value: [1, 2], cut: false });
  });

  it('previews any other value whole when small, else not at all', () => {
    expect(raw({ k: 'v' }).preview(100)).toEqual({ value: { k: 'v' }, cut: false });
    expect(raw({ k: 'v'.repeat(200) }).preview(100)).toEqual({ value: undefined, cut: true });
  });
});
