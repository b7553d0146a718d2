import { describe, expect, it } from 'vitest';
import type { EmulatorDeps } from '../../deps.js';
import { LiveHub } from '../live.js';
import type { ConsoleState } from '../state.js';
import { recordApiCall, type ApiCallFacts } from './record.js';
import { RequestLog } from './request-log.js';
import { TRUNCATED } from './safe-copy.js';

const state = (): ConsoleState => ({ token: 't', live: new LiveHub(), assetsDir: '/nowhere', requests: new RequestLog() });
const facts = (o: Partial<ApiCallFacts> = {}): ApiCallFacts => ({
  method: 'apps.datastore.put',
  at: 5,
  duration_ms: 1.234,
  params: { app_id: 'A1', item: { id: '1' } },
  token: undefined,
  answer: { ok: true },
  status: 200,
  ...o,
});
const noStore = { store: {}, now: () => 0 } as unknown as Pick<EmulatorDeps, 'store' | 'now'>;

describe('recordApiCall', () => {
  it('keeps the call, cut and redacted, and tells the live channel', () => {
    const s = state();
    const published: unknown[] = [];
    s.live.publish = (event, data) => void published.push({ event, data });
    recordApiCall(s, noStore, facts({ params: { token: 'xoxp-secret', text: 'x'.repeat(9000) }, answer: { ok: false, error: 'invalid_auth' } }));
    const kept = s.requests.get(1);
    expect(kept).toMatchObject({
      method: 'apps.datastore.put',
      ok: false,
      error: 'invalid_auth',
      status: 200,
      duration_ms: 1.2,
      truncated: true,
      caller: { label: 'no token' },
    });
    expect((kept?.params as { token: string; text: string }).token).toBe('[redacted]');
    expect((kept?.params as { text: string }).text.endsWith(TRUNCATED)).toBe(true);
    expect(published).toEqual([{ event: 'request', data: expect.objectContaining({ seq: 1, method: 'apps.datastore.put' }) }]);
    expect(published[0]).not.toHaveProperty('data.params');
  });

  it('never throws: a failure is reported and the call goes on', () => {
    const s = state();
    const throwing = {
      store: new Proxy(
        {},
        {
          get: () => {
            throw new Error('database is locked');
          },
        },
      ),
      now: () => 0,
    } as unknown as Pick<EmulatorDeps, 'store' | 'now'>;
    const errors: string[] = [];
    expect(() => recordApiCall(s, throwing, facts({ token: 'xoxp-1-abc' }), (m) => errors.push(m))).not.toThrow();
    expect(errors).toEqual([expect.stringContaining('could not record the apps.datastore.put call: database is locked')]);
    expect(errors[0]).not.toContain('xoxp-1-abc');
    expect(() => recordApiCall(s, throwing, facts({ token: 'xoxp-1-abc' }))).not.toThrow();
  });

  it('records a call that failed before its params were read', () => {
    const s = state();
    recordApiCall(s, noStore, facts({ method: 'no.such', params: undefined, answer: { ok: false, error: 'unknown_method' } }));
    expect(s.requests.get(1)).toMatchObject({ params: {}, error: 'unknown_method' });
  });
});
