import { describe, expect, it } from 'vitest';
import { encodeForm, encodeQuery } from './encode.js';

describe('encodeForm', () => {
  it.each([
    {
      name: 'keys sorted alphabetically (Go url.Values.Encode)',
      params: { ticket: 't', challenge: 'c', slack_cli_version: 'v4.5.0' },
      want: 'challenge=c&slack_cli_version=v4.5.0&ticket=t',
    },
    { name: 'undefined values dropped', params: { b: undefined, a: '1' }, want: 'a=1' },
    { name: 'empty strings kept (the server tells empty from absent)', params: { a: '' }, want: 'a=' },
    { name: 'objects and numbers as JSON', params: { n: 3, o: { x: [1] } }, want: 'n=3&o=%7B%22x%22%3A%5B1%5D%7D' },
    { name: 'reserved characters escaped', params: { q: 'a&b=c d' }, want: 'q=a%26b%3Dc+d' },
    { name: 'no params', params: {}, want: '' },
  ])('$name', ({ params, want }) => {
    expect(encodeForm(params)).toBe(want);
  });

  it('round-trips through URLSearchParams', () => {
    const params = { token: 'xoxe.xoxp-1-fixture', refresh_token: 'xoxe-1-fixture' };
    expect(Object.fromEntries(new URLSearchParams(encodeForm(params)))).toEqual(params);
  });
});

describe('encodeQuery', () => {
  it.each([
    { name: 'caller key order kept', params: { limit: 10, app_id: 'A1' }, want: 'limit=10&app_id=A1' },
    { name: 'undefined and empty values dropped', params: { a: undefined, b: '', c: 'x' }, want: 'c=x' },
    { name: 'values escaped', params: { component_id: 'a b&c' }, want: 'component_id=a+b%26c' },
    { name: 'booleans as text', params: { tail: true }, want: 'tail=true' },
  ])('$name', ({ params, want }) => {
    expect(encodeQuery(params)).toBe(want);
  });
});

describe('encodeQuery for apps.activities.list', () => {
  it('keeps the contract order, sends the cursor, and escapes what the official CLI sends raw', () => {
    const q = encodeQuery({
      app_id: 'A1',
      limit: 1000,
      log_event_type: 'a&b',
      min_date_created: 1700000000000000,
      component_id: 'Fn 1',
      trace_id: 'x=y',
      sort_direction: 'asc',
      cursor: 'c+/=',
    });
    expect(q).toBe(
      'app_id=A1&limit=1000&log_event_type=a%26b&min_date_created=1700000000000000&component_id=Fn+1&trace_id=x%3Dy&sort_direction=asc&cursor=c%2B%2F%3D',
    );
    expect(Object.fromEntries(new URLSearchParams(q))).toMatchObject({ log_event_type: 'a&b', cursor: 'c+/=', component_id: 'Fn 1' });
  });

  it('limit 0 is still sent (the server reads it as its default)', () => {
    expect(encodeQuery({ app_id: 'A1', limit: 0 })).toBe('app_id=A1&limit=0');
  });
});
