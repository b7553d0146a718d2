import { describe, expect, it } from 'vitest';
import { RawJson } from '../../http/index.js';
import { REDACTED, safeCopy, TRUNCATED } from './safe-copy.js';
import { secretsOf } from './secret-rules.js';

const copy = (v: unknown, budget = 4096) => safeCopy(v, budget).value;

describe('safeCopy: secrets', () => {
  it.each([
    { name: 'token param', value: { token: 'xoxp-1-abc', app_id: 'A1' }, want: { token: REDACTED, app_id: 'A1' } },
    { name: 'refresh_token', value: { refresh_token: 'xoxe-1-abc' }, want: { refresh_token: REDACTED } },
    {
      name: 'access_token (oauth answers)',
      value: { access_token: 'xoxb-1', authed_user: { access_token: 'xoxp-2' } },
      want: { access_token: REDACTED, authed_user: { access_token: REDACTED } },
    },
    {
      name: 'client_secret and signing_secret',
      value: { credentials: { client_id: '1.2', client_secret: 'c5', signing_secret: 's1', verification_token: 'v7' } },
      want: { credentials: { client_id: '1.2', client_secret: REDACTED, signing_secret: REDACTED, verification_token: REDACTED } },
    },
    { name: 'a ticket and its challenge', value: { ticket: 'abc', challenge: 'ABCD2345' }, want: { ticket: REDACTED, challenge: REDACTED } },
    { name: 'api_access_tokens, whole', value: { api_access_tokens: { bot: 'xoxb-1-2-x' } }, want: { api_access_tokens: REDACTED } },
    {
      name: 'a token-shaped value under any name',
      value: { text: 'use xoxb-1-2-abc or xapp-1-A-2-f or xwfp-1-2-z', items: ['xoxe.xoxp-1-q'] },
      want: { text: `use ${REDACTED} or ${REDACTED} or ${REDACTED}`, items: [REDACTED] },
    },
    {
      name: 'a webhook URL’s secret',
      value: { trigger: { webhook_url: 'http://127.0.0.1:1/triggers/T1/Ft1/0123abcd' } },
      want: { trigger: { webhook_url: 'http://127.0.0.1:1/triggers/T1/Ft1/…' } },
    },
    { name: 'an empty token is shown empty', value: { token: '' }, want: { token: '' } },
  ])('$name', ({ value, want }) => {
    expect(copy(value)).toEqual(want);
  });

  it('copies a "__proto__" field as a field', () => {
    const r = safeCopy(JSON.parse('{"__proto__": {"token": "x"}, "a": 1}'), 4096);
    expect(JSON.parse(JSON.stringify(r.value))).toEqual(JSON.parse('{"__proto__": {"token": "[redacted]"}, "a": 1}'));
  });

  it('hides hosted variable values, JSON or form-encoded, and keeps their names', () => {
    const { params } = secretsOf('apps.hosted.variables.add');
    expect(safeCopy({ app_id: 'A1', variables: [{ name: 'API_KEY', value: 's3cret' }] }, 4096, params).value).toEqual({
      app_id: 'A1',
      variables: [{ name: 'API_KEY', value: REDACTED }],
    });
    expect(safeCopy({ app_id: 'A1', variables: '[{"name":"API_KEY","value":"s3cret"}]' }, 4096, params).value).toEqual({ app_id: 'A1', variables: REDACTED });
  });

  it('hides every presigned POST field but the key', () => {
    const { answer } = secretsOf('apps.hosted.generatePresignedPost');
    const fields = {
      key: 'A1/x.zip',
      'X-Amz-Credential': 'c',
      'X-Amz-Algorithm': 'a',
      'X-Amz-Date': 'd',
      Policy: 'p',
      'X-Amz-Signature': 's',
      'X-Amz-Security-Token': 't',
    };
    const out = safeCopy({ ok: true, url: 'http://x/s3', fields }, 4096, answer).value as { fields: Record<string, string> };
    expect(out.fields.key).toBe('A1/x.zip');
    for (const [k, v] of Object.entries(out.fields)) if (k !== 'key') expect(v, k).toBe(REDACTED);
  });
});

describe('safeCopy: size', () => {
  it('cuts a long string with the marker', () => {
    const r = safeCopy({ text: 'x'.repeat(5000) }, 4096);
    expect(r.truncated).toBe(true);
    expect((r.value as { text: string }).text).toBe(`${'x'.repeat(1024)}${TRUNCATED}`);
  });

  it('stops a big list where the budget ends, saying how many were left out', () => {
    const items = Array.from({ length: 100_000 }, (_, i) => ({ id: `item-${i}`, title: 'a task' }));
    const r = safeCopy({ items }, 2048);
    const kept = (r.value as { items: unknown[] }).items;
    expect(r.truncated).toBe(true);
    expect(kept.length).toBeLessThan(100);
    expect(kept.at(-1)).toMatch(/^…\[truncated\] \d+ more$/);
    expect(JSON.stringify(r.value).length).toBeLessThan(2048 + 200);
  });

  it('reads items sent as the JSON they already were only as far as the budget goes, secrets still hidden', () => {
    const items = Array.from({ length: 10_000 }, (_, i) => ({ id: `item-${i}`, title: 'a task', token: 'xoxb-1-2-3' }));
    const r = safeCopy({ ok: true, items: new RawJson(Buffer.from(JSON.stringify(items))) }, 2048);
    const kept = (r.value as { items: unknown[] }).items;
    expect(r.truncated).toBe(true);
    expect(kept[0]).toEqual({ id: 'item-0', title: 'a task', token: REDACTED });
    expect(kept.length).toBeLessThan(100);
    expect(kept.at(-1)).toMatch(/^…\[truncated\]/);
    const few = safeCopy({ items: new RawJson(Buffer.from('[{"id":"a"}]')) }, 2048);
    expect(few).toMatchObject({ value: { items: [{ id: 'a' }] }, truncated: false });
  });

  it('stops a wide object too, and a deep one', () => {
    const wide = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]));
    expect(JSON.stringify(safeCopy(wide, 1024).value).length).toBeLessThan(1024 + 100);
    let deep: unknown = 'bottom';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const r = safeCopy(deep, 4096);
    expect(r.truncated).toBe(true);
    expect(JSON.stringify(r.value)).toContain(TRUNCATED);
  });

  it('is cheap on a 50 MB body: the walk ends with the budget', () => {
    const big = { items: Array.from({ length: 500_000 }, (_, i) => ({ id: String(i), text: 'y'.repeat(90) })) };
    const t = performance.now();
    safeCopy(big, 4096);
    expect(performance.now() - t).toBeLessThan(50);
  });

  it('reports what the copy costs, about its JSON size', () => {
    const r = safeCopy({ a: 'hello', b: [1, 2, 3] }, 4096);
    expect(r.truncated).toBe(false);
    expect(r.bytes).toBeGreaterThan(10);
    expect(r.bytes).toBeLessThan(60);
  });
});
