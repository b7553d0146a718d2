/** Retry decisions, pure so they can be tested without a network. */
export interface RetryLimits {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** The most rosi will sleep across all retries of one call. */
  maxTotalWaitMs: number;
  /** A single Retry-After longer than this is not waited out. */
  maxSingleWaitMs: number;
  baseBackoffMs: number;
}

export const defaultRetryLimits: RetryLimits = {
  maxAttempts: 5,
  maxTotalWaitMs: 120_000,
  maxSingleWaitMs: 60_000,
  baseBackoffMs: 500,
};

// Every HTTP-date form (IMF-fixdate, RFC 850, asctime) starts with the day name. Date.parse
// alone is far too lenient: it reads "-1" or "1 2" as dates in 2001.
const HTTP_DATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /;

/** Retry-After as seconds or an HTTP date; undefined when absent or unparseable. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (!HTTP_DATE.test(text)) return undefined;
  const when = Date.parse(text);
  if (Number.isNaN(when)) return undefined;
  return Math.max(0, when - now.getTime());
}

export type Outcome = { kind: 'status'; status: number; retryAfterMs: number | undefined } | { kind: 'network' };

/**
 * How long to wait before the next attempt, or undefined to stop.
 * 429 (and 503 with Retry-After) mean Slack did not process the call, so any method
 * may be resent. Other 5xx and network failures may have been processed: only
 * idempotent methods are resent, with exponential backoff and jitter.
 */
export function nextDelay(
  outcome: Outcome,
  attempt: number,
  idempotent: boolean,
  waitedMs: number,
  limits: RetryLimits,
  random: () => number,
): number | undefined {
  if (attempt >= limits.maxAttempts) return undefined;
  let delay: number | undefined;
  if (outcome.kind === 'status' && (outcome.status === 429 || (outcome.status === 503 && outcome.retryAfterMs !== undefined))) {
    delay = outcome.retryAfterMs ?? backoff(attempt, limits, random);
    if (delay > limits.maxSingleWaitMs) return undefined;
  } else if (idempotent && (outcome.kind === 'network' || outcome.status >= 500)) {
    delay = backoff(attempt, limits, random);
  }
  if (delay === undefined || waitedMs + delay > limits.maxTotalWaitMs) return undefined;
  return delay;
}

function backoff(attempt: number, limits: RetryLimits, random: () => number): number {
  const ceiling = limits.baseBackoffMs * 2 ** (attempt - 1);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
