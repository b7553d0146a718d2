import { describe, expect, it } from 'vitest';
import { defaultRetryLimits, nextDelay, parseRetryAfter, type Outcome, type RetryLimits } from './retry-policy.js';

const now = new Date('2026-11-28T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    { name: 'absent', value: null, want: undefined },
    { name: 'whole seconds', value: '2', want: 2000 },
    { name: 'seconds with spaces', value: ' 30 ', want: 30_000 },
    { name: 'fractional seconds', value: '1.5', want: 1500 },
    { name: 'zero', value: '0', want: 0 },
    { name: 'IMF-fixdate in the future', value: 'Sat, 28 Nov 2026 12:00:05 GMT', want: 5000 },
    { name: 'RFC 850 date', value: 'Saturday, 28-Nov-26 12:00:07 GMT', want: 7000 },
    { name: 'asctime date', value: 'Sat Nov 28 12:00:09 2026', want: 9000 },
    { name: 'a date in the past means now', value: 'Sat, 28 Nov 2026 11:59:00 GMT', want: 0 },
    { name: 'garbage', value: 'soon', want: undefined },
    { name: 'negative number (Date.parse would read a 2001 date)', value: '-1', want: undefined },
    { name: 'two numbers (Date.parse would read a 2001 date)', value: '1 2', want: undefined },
    { name: 'a bare number is seconds, never a year', value: '2027', want: 2_027_000 },
    { name: 'empty', value: '', want: undefined },
  ])('$name', ({ value, want }) => {
    expect(parseRetryAfter(value, now)).toBe(want);
  });
});

const limits: RetryLimits = { maxAttempts: 5, maxTotalWaitMs: 10_000, maxSingleWaitMs: 5_000, baseBackoffMs: 100 };
const status = (s: number, retryAfterMs?: number): Outcome => ({ kind: 'status', status: s, retryAfterMs });
const network: Outcome = { kind: 'network' };

interface Case {
  name: string;
  outcome: Outcome;
  attempt?: number;
  idempotent: boolean;
  waited?: number;
  random?: number;
  want: number | undefined;
}

describe('nextDelay', () => {
  it.each<Case>([
    { name: '429 + Retry-After, idempotent: wait what Slack asked', outcome: status(429, 2000), idempotent: true, want: 2000 },
    { name: '429 + Retry-After, non-idempotent: Slack did not process it, so resend', outcome: status(429, 2000), idempotent: false, want: 2000 },
    { name: '429 without Retry-After: backoff (low jitter)', outcome: status(429), idempotent: false, random: 0, want: 50 },
    { name: '429 without Retry-After: backoff (high jitter)', outcome: status(429), idempotent: false, random: 1, want: 100 },
    { name: '429 without Retry-After, third attempt: doubled twice', outcome: status(429), attempt: 3, idempotent: false, random: 1, want: 400 },
    { name: '503 + Retry-After, non-idempotent: resend', outcome: status(503, 3000), idempotent: false, want: 3000 },
    { name: '503 without Retry-After, idempotent: backoff', outcome: status(503), idempotent: true, random: 0.5, want: 75 },
    { name: '503 without Retry-After, non-idempotent: stop', outcome: status(503), idempotent: false, want: undefined },
    { name: '500 idempotent: backoff', outcome: status(500), attempt: 2, idempotent: true, random: 0, want: 100 },
    { name: '500 non-idempotent: stop (it may have been processed)', outcome: status(500), idempotent: false, want: undefined },
    { name: '502 idempotent: backoff', outcome: status(502), idempotent: true, random: 1, want: 100 },
    { name: 'network error idempotent: backoff', outcome: network, idempotent: true, random: 1, want: 100 },
    { name: 'network error non-idempotent: stop', outcome: network, idempotent: false, want: undefined },
    { name: '400: never retried', outcome: status(400), idempotent: true, want: undefined },
    { name: 'Retry-After over the single-wait cap: stop', outcome: status(429, 5001), idempotent: true, want: undefined },
    { name: 'Retry-After at the single-wait cap: wait', outcome: status(429, 5000), idempotent: true, want: 5000 },
    { name: 'attempts cap reached', outcome: status(429, 10), attempt: 5, idempotent: true, want: undefined },
    { name: 'total-wait cap would be passed', outcome: status(429, 3000), waited: 7001, idempotent: true, want: undefined },
    { name: 'total-wait cap exactly met', outcome: status(429, 3000), waited: 7000, idempotent: true, want: 3000 },
    { name: 'backoff past the total-wait cap: stop', outcome: network, attempt: 4, waited: 9500, idempotent: true, random: 1, want: undefined },
  ])('$name', ({ outcome, attempt = 1, idempotent, waited = 0, random = 0.5, want }) => {
    expect(nextDelay(outcome, attempt, idempotent, waited, limits, () => random)).toBe(want);
  });

  it('backoff grows exponentially with jitter inside [ceiling/2, ceiling]', () => {
    const seen = [1, 2, 3, 4].map((attempt) => [0, 1].map((r) => nextDelay(network, attempt, true, 0, defaultRetryLimits, () => r)));
    expect(seen).toEqual([
      [250, 500],
      [500, 1000],
      [1000, 2000],
      [2000, 4000],
    ]);
  });
});
