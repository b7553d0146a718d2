import { createReadStream } from 'node:fs';
import { CancelledError, CliError, NetworkError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { isLoopbackHost } from '../lib/loopback.js';
import { multipartBody } from './multipart.js';
import { defaultRetryLimits, nextDelay, parseRetryAfter, type Outcome, type RetryLimits } from './retry-policy.js';
import type { Clock } from '../lib/clock.js';
import { redactFields } from '../lib/redact.js';
import { cannotRecover, causeMessage } from './network-failure.js';

/** What apps.hosted.generatePresignedPost returns. */
export interface PresignedPost {
  url: string;
  file_name: string;
  fields: Record<string, string>;
}

export interface UploadOptions {
  fetch: typeof globalThis.fetch;
  clock: Clock;
  signal: AbortSignal;
  userAgent: string;
  timeoutMs: number;
  /** Asks Slack for a fresh presigned POST when the current one expired or was refused. */
  renew: () => Promise<PresignedPost>;
  onProgress?: ((sent: number, total: number) => void) | undefined;
  onRetry?: ((reason: string, delayMs: number) => void) | undefined;
  log?: ((line: string) => void) | undefined;
  limits?: RetryLimits | undefined;
  random?: (() => number) | undefined;
}

/** The S3 error codes that mean "this presigned POST is no good": get another. */
const RENEW = new Set(['AccessDenied', 'ExpiredToken', 'SignatureDoesNotMatch', 'InvalidAccessKeyId', 'TokenRefreshRequired']);

/**
 * Uploads a file to a presigned POST: fields first, the file last, a known
 * Content-Length, no Slack token (it is another host). Transient failures retry with
 * backoff; an expired or refused presign is renewed once per attempt. Returns the
 * presign that succeeded (its file_name is the s3_key to finalise with).
 */
export async function uploadToPresigned(first: PresignedPost, path: string, size: number, o: UploadOptions): Promise<PresignedPost> {
  const limits = o.limits ?? defaultRetryLimits;
  let presign = first;
  let waited = 0;
  let renewals = 0;
  for (let attempt = 1; ; attempt++) {
    if (o.signal.aborted) throw new CancelledError();
    checkTarget(presign.url);
    const outcome = await attemptUpload(presign, path, size, o);
    if (outcome.kind === 'ok') return presign;
    if (outcome.kind === 'renew' && renewals < limits.maxAttempts) {
      renewals++;
      o.onRetry?.(`the upload URL was refused (${outcome.reason}); asking for a new one`, 0);
      presign = await o.renew();
      attempt--;
      continue;
    }
    if (outcome.kind !== 'retry')
      throw new CliError('upload_rejected', `The upload was rejected: ${outcome.reason}`, ExitCode.failed, {
        hint: 'Check --max-size and the bundle; re-run with --verbose to see the answer.',
      });
    const delay = nextDelay(outcome.outcome, attempt, true, waited, limits, o.random ?? Math.random);
    if (delay === undefined) throw outcome.error;
    o.onRetry?.(outcome.error.message, delay);
    waited += delay;
    await o.clock.sleep(delay, o.signal).catch(() => {
      throw new CancelledError();
    });
  }
}

type AttemptOutcome =
  | { kind: 'ok' }
  | { kind: 'renew'; reason: string }
  | { kind: 'fatal'; reason: string }
  | { kind: 'retry'; outcome: Outcome; error: CliError };

async function attemptUpload(presign: PresignedPost, path: string, size: number, o: UploadOptions): Promise<AttemptOutcome> {
  const body = multipartBody(presign.fields, {
    field: 'file',
    filename: presign.file_name,
    contentType: 'application/zip',
    size,
    // Small chunks: 1 MiB ones are so few JS objects that no GC runs during the upload, and
    // every chunk read stays in memory until it ends (measured: peak RSS 149 → 141 MiB).
    open: () => createReadStream(path, { highWaterMark: 1 << 16 }),
  });
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  o.signal.addEventListener('abort', onAbort, { once: true });
  // The timer restarts whenever bytes move: a large upload may take longer than the
  // per-request timeout, a stalled one may not.
  let timer = setTimeout(() => controller.abort(), o.timeoutMs);
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), o.timeoutMs);
  };
  const host = new URL(presign.url).host;
  o.log?.(`→ POST ${host} upload ${presign.file_name} (${size} bytes)`);
  try {
    const res = await o.fetch(presign.url, {
      method: 'POST',
      headers: { 'content-type': body.contentType, 'content-length': String(body.length), 'user-agent': o.userAgent },
      body: body.stream((sent) => {
        touch();
        o.onProgress?.(sent, size);
      }),
      duplex: 'half',
      signal: controller.signal,
      redirect: 'error',
    } as RequestInit);
    const text = await res.text();
    o.log?.(`← ${res.status} upload ${text ? redactFields(text.slice(0, 300)) : ''}`);
    if (res.status === 204 || res.status === 200 || res.status === 201) return { kind: 'ok' };
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? '';
    const message = /<Message>([^<]+)<\/Message>/.exec(text)?.[1] ?? '';
    const reason = [code, message].filter(Boolean).join(': ') || `HTTP ${res.status}`;
    if (res.status === 403 && (RENEW.has(code) || /expired/i.test(message))) return { kind: 'renew', reason };
    if (res.status === 429 || res.status >= 500) {
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), o.clock.now());
      return {
        kind: 'retry',
        outcome: { kind: 'status', status: res.status, retryAfterMs },
        error: new NetworkError(`Uploading to ${host} failed: ${reason}`),
      };
    }
    return { kind: 'fatal', reason };
  } catch (e) {
    if (o.signal.aborted) throw new CancelledError();
    const timedOut = controller.signal.aborted;
    const why = timedOut
      ? `no progress for ${o.timeoutMs / 1000} s`
      : [e instanceof Error ? e.message : String(e), causeMessage(e).trim()].filter(Boolean).join(': ');
    const error = new NetworkError(`Uploading to ${host} failed: ${why}`, { cause: e });
    // Nothing listening on loopback, a forbidden port, a TLS mismatch: another attempt fails the same way.
    if (!timedOut && cannotRecover(e, presign.url)) throw error;
    return { kind: 'retry', outcome: { kind: 'network' }, error };
  } finally {
    clearTimeout(timer);
    o.signal.removeEventListener('abort', onAbort);
  }
}

function checkTarget(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new CliError('invalid_presigned_post', `Slack returned an upload URL that is not a URL: ${JSON.stringify(url)}`, ExitCode.failed);
  }
  if (u.protocol === 'https:' || (u.protocol === 'http:' && isLoopbackHost(u.hostname))) return;
  throw new CliError('insecure_upload_url', `Refusing to upload over ${u.protocol}// to ${u.host}: only https, or http on this machine`, ExitCode.failed);
}
