import type { CliError } from '../errors/cli-error.js';
import { CancelledError, NetworkError } from '../errors/cli-error.js';
import type { Clock } from '../lib/clock.js';
import { isLoopbackHost } from '../lib/loopback.js';
import { cannotRecover, causeCode, causeMessage, refusedOnLoopback, TLS_MISMATCH } from './network-failure.js';
import { redact, redactFields } from '../lib/redact.js';
import { defaultRetryLimits, nextDelay, parseRetryAfter, type Outcome, type RetryLimits } from './retry-policy.js';

export interface TransportOptions {
  fetch: typeof globalThis.fetch;
  clock: Clock;
  signal: AbortSignal;
  userAgent: string;
  /** Per-attempt timeout. */
  timeoutMs: number;
  /** Debug log sink (--verbose); receives lines with secrets already redacted. */
  log?: ((line: string) => void) | undefined;
  limits?: RetryLimits | undefined;
  random?: (() => number) | undefined;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string | undefined;
  /** Name for messages and logs (the Slack method). */
  label: string;
  idempotent: boolean;
  /** Never log the bodies. */
  secret: boolean;
  /** Told before each resend, with what went wrong (a caller pacing itself slows down on a 429). */
  onRetry?: ((outcome: Outcome) => void) | undefined;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** One HTTP exchange with timeouts, retries, cancellation and redacted logging. */
export async function send(o: TransportOptions, req: HttpRequest): Promise<HttpResponse> {
  const limits = o.limits ?? defaultRetryLimits;
  const random = o.random ?? Math.random;
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    if (o.signal.aborted) throw new CancelledError();
    logRequest(o, req, attempt);
    const started = Date.now();
    let outcome: Outcome;
    let failure: unknown;
    let response: HttpResponse | undefined;
    const deadline = attemptSignal(o.signal, o.timeoutMs);
    try {
      const res = await o.fetch(req.url, {
        method: req.method,
        headers: { 'user-agent': o.userAgent, ...req.headers },
        ...(req.body === undefined ? {} : { body: req.body }),
        signal: deadline.signal,
        redirect: 'error',
      });
      response = { status: res.status, headers: res.headers, text: await res.text() };
      o.log?.(`← ${res.status} ${req.label} (${Date.now() - started} ms)${req.secret ? '' : ` ${redactFields(clip(response.text))}`}`);
      if (response.status < 500 && response.status !== 429) return response;
      outcome = { kind: 'status', status: res.status, retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), o.clock.now()) };
    } catch (e) {
      if (o.signal.aborted) throw new CancelledError();
      failure = e;
      outcome = { kind: 'network' };
      o.log?.(`✗ ${req.label}: ${describe(e, o.timeoutMs)}`);
    } finally {
      deadline.done();
    }
    const delay = failure !== undefined && cannotRecover(failure, req.url) ? undefined : nextDelay(outcome, attempt, req.idempotent, waited, limits, random);
    if (delay === undefined) {
      if (response) return response;
      throw networkError(req, failure, o.timeoutMs, attempt);
    }
    o.log?.(`  retrying ${req.label} in ${delay} ms (attempt ${attempt + 1} of ${limits.maxAttempts})`);
    req.onRetry?.(outcome);
    waited += delay;
    await o.clock.sleep(delay, o.signal).catch(() => {
      throw new CancelledError();
    });
  }
}

/**
 * A signal that aborts when the caller's does or when the attempt runs past timeoutMs.
 * Not AbortSignal.any([signal, AbortSignal.timeout(ms)]): on Node 20 a timeout signal
 * held only by an any() composite can be garbage-collected, and then it never fires
 * (nodejs/node#57736), leaving a hung request waiting forever. A plain timer holds its
 * controller strongly; done() clears it and the listener once the attempt is over.
 */
function attemptSignal(outer: AbortSignal, timeoutMs: number): { signal: AbortSignal; done: () => void } {
  const ctl = new AbortController();
  const onAbort = () => ctl.abort(outer.reason);
  if (outer.aborted) onAbort();
  outer.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => ctl.abort(new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
  return {
    signal: ctl.signal,
    done: () => {
      clearTimeout(timer);
      outer.removeEventListener('abort', onAbort);
    },
  };
}

function logRequest(o: TransportOptions, req: HttpRequest, attempt: number): void {
  if (!o.log) return;
  const body = req.body === undefined || req.secret ? '' : ` ${redactFields(clip(req.body))}`;
  const url = redactFields(req.url);
  o.log(`→ ${req.method} ${url}${attempt > 1 ? ` (attempt ${attempt})` : ''}${body}`);
}

function clip(text: string): string {
  return text.length > 2000 ? `${text.slice(0, 2000)}… (${text.length} bytes)` : text;
}

/** Why an attempt failed, with tokens masked: fetch errors may quote a header value. */
function describe(e: unknown, timeoutMs: number): string {
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) return `timed out: no answer within ${timeoutMs / 1000} s`;
  // undici says only "fetch failed"; the reason ("unexpected redirect", "getaddrinfo
  // ENOTFOUND host", or an AggregateError with just a code) is in the cause.
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause : undefined;
  const reason = cause?.message || (cause as { code?: string } | undefined)?.code;
  return redact([e instanceof Error ? e.message : String(e), reason?.trim()].filter(Boolean).join(': '));
}

function networkError(req: HttpRequest, e: unknown, timeoutMs: number, attempts: number): CliError {
  const host = new URL(req.url).host;
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
  return new NetworkError(`Could not reach ${host} for ${req.label}${tries}: ${describe(e, timeoutMs)}`, {
    hint: networkHint(req.url, e, timedOut),
    cause: e,
  });
}

function networkHint(url: string, e: unknown, timedOut: boolean): string {
  const { origin, hostname, port, protocol } = new URL(url);
  if (timedOut) return 'Check your connection, or raise ROSI_HTTP_TIMEOUT (seconds).';
  const loopback = isLoopbackHost(hostname);
  if (refusedOnLoopback(e, url)) {
    const bare = hostname.replace(/^\[|\]$/g, '');
    const host = bare === '127.0.0.1' || bare === 'localhost' ? '' : ` --host ${bare}`;
    return `Is \`rosi emulator\` running on ${origin}? Nothing answers there. Start it with \`rosi emulator --port ${port || (protocol === 'https:' ? 443 : 80)}${host}\`.`;
  }
  if (causeMessage(e) === 'bad port')
    return `fetch never connects to port ${port}: check the API host (\`rosi emulator\` listens on port 5810 unless told otherwise).`;
  if (protocol === 'https:' && TLS_MISMATCH.has(causeCode(e) ?? '')) {
    return loopback
      ? `The server at ${origin} speaks plain http, as \`rosi emulator\` does: use the API host http://${hostname}${port ? `:${port}` : ''}.`
      : `The server at ${origin} does not speak https: check the API host.`;
  }
  return 'Check your connection, --apihost, and HTTPS_PROXY/NO_PROXY.';
}
