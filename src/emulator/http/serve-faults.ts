import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { FaultDecision } from './faults.js';
import { sendS3Error, type S3Failure } from '../hosting/index.js';
import { drainBody } from './request.js';
import { sendJson } from './respond.js';

/** Where a request stands after its fault decision. */
export type FaultStage = { answered: true } | { answered: false; after?: '500' | 'drop' };

/**
 * Applies the part of a fault that comes before the method runs: latency, then 429 or 503,
 * which like Slack's mean "not processed, come back later". A 500 or a dropped connection
 * comes after the method ran (see {@link faultAfter}): the harshest case for a client, which
 * cannot tell whether its request took effect. The upload host has no "after": S3 fails
 * an upload as a whole, so there both come first.
 */
export async function faultBefore(req: IncomingMessage, res: ServerResponse, d: FaultDecision, host: 'api' | 'upload'): Promise<FaultStage> {
  if (d.delayMs > 0) await delay(d.delayMs);
  const kind = d.fail?.kind;
  if (!kind) return { answered: false };
  if (host === 'api' && (kind === '500' || kind === 'drop')) return { answered: false, after: kind };
  if (kind === 'drop') {
    req.socket.destroy();
    return { answered: true };
  }
  await drainBody(req);
  const seconds = d.fail?.retryAfterSeconds ?? 0;
  if (seconds > 0) res.setHeader('retry-after', String(seconds));
  if (host === 'upload') sendS3Error(res, kind === '500' ? S3_INTERNAL_ERROR : S3_SLOW_DOWN);
  else if (kind === '429') sendJson(res, 429, { ok: false, error: 'ratelimited' });
  else sendJson(res, 503, { ok: false, error: 'service_unavailable' });
  return { answered: true };
}

/** The after-part of a fault: the method ran, then the answer is lost or replaced by a 500. */
export function faultAfter(res: ServerResponse, after: '500' | 'drop'): void {
  if (after === 'drop') res.socket?.destroy();
  else sendJson(res, 500, { ok: false, error: 'internal_error' });
}

// S3's own answers for these, so clients treat them as they would S3's.
const S3_SLOW_DOWN: S3Failure = { status: 503, code: 'SlowDown', message: 'Please reduce your request rate.' };
const S3_INTERNAL_ERROR: S3Failure = { status: 500, code: 'InternalError', message: 'We encountered an internal error. Please try again.' };
