import { describe, expect, it } from 'vitest';
import { RequestLog, type RecordedCall } from './request-log.js';

const call = (method: string, o: Partial<RecordedCall> = {}): Omit<RecordedCall, 'seq'> => ({
  at: 0,
  method,
  caller: { kind: 'user', label: 'user U1 (ada)', user_id: 'U1', team_id: 'T1' },
  status: 200,
  ok: true,
  duration_ms: 1,
  params: {},
  answer: { ok: true },
  truncated: false,
  bytes: 100,
  ...o,
});

describe('RequestLog', () => {
  it('keeps at most maxCalls, dropping the oldest', () => {
    const log = new RequestLog({ maxCalls: 3, maxBytes: 1e9 });
    for (let i = 0; i < 10; i++) log.add(call(`m${i}`));
    expect(log.size).toBe(3);
    expect(log.list({}, { limit: 10 }).calls.map((c) => c.method)).toEqual(['m9', 'm8', 'm7']);
    expect(log.get(8)?.method).toBe('m7');
    expect(log.get(7)).toBeUndefined();
  });

  it('keeps at most about maxBytes, dropping the oldest (but always the newest)', () => {
    const log = new RequestLog({ maxCalls: 1000, maxBytes: 1000 });
    for (let i = 0; i < 50; i++) log.add(call(`m${i}`, { bytes: 300 }));
    expect(log.size).toBe(3);
    expect(log.bytes).toBe(900);
    log.add(call('huge', { bytes: 5000 }));
    expect(log.size).toBe(1);
    expect(log.list({}, { limit: 5 }).calls[0]?.method).toBe('huge');
  });

  it('lists newest first in keyset pages, without params or answers', () => {
    const log = new RequestLog();
    for (let i = 1; i <= 5; i++) log.add(call(`m${i}`));
    const first = log.list({}, { limit: 2 });
    expect(first.calls.map((c) => c.seq)).toEqual([5, 4]);
    expect(first.next_before).toBe(4);
    expect(first.calls[0]).not.toHaveProperty('params');
    const second = log.list({}, { before: 4, limit: 2 });
    expect(second.calls.map((c) => c.seq)).toEqual([3, 2]);
    expect(log.list({}, { before: 2, limit: 2 })).toEqual({ calls: [expect.objectContaining({ seq: 1 })], next_before: null });
  });

  it.each([
    { name: 'method, any case, in part', filter: { method: 'DATASTORE' }, want: ['apps.datastore.get', 'apps.datastore.put'] },
    { name: 'caller by name', filter: { caller: 'grace' }, want: ['apps.datastore.get'] },
    { name: 'caller by app ID', filter: { caller: 'a0bot' }, want: ['chat.postMessage'] },
    { name: 'ok', filter: { status: 'ok' }, want: ['chat.postMessage', 'apps.datastore.put'] },
    { name: 'error', filter: { status: 'error' }, want: ['apps.datastore.get', 'auth.test'] },
    { name: 'an error code', filter: { status: 'invalid_auth' }, want: ['auth.test'] },
    { name: 'together', filter: { method: 'datastore', status: 'error' }, want: ['apps.datastore.get'] },
  ])('filters by $name', ({ filter, want }) => {
    const log = new RequestLog();
    log.add(call('auth.test', { ok: false, error: 'invalid_auth', caller: { kind: 'invalid', label: 'invalid token' } }));
    log.add(call('apps.datastore.put'));
    log.add(call('apps.datastore.get', { ok: false, error: 'datastore_error', caller: { kind: 'user', label: 'user U2 (grace)' } }));
    log.add(call('chat.postMessage', { caller: { kind: 'bot', label: 'app A0BOT bot', app_id: 'A0BOT' } }));
    expect(log.list(filter, { limit: 10 }).calls.map((c) => c.method)).toEqual(want);
  });
});
