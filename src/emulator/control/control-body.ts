import type { IncomingMessage, ServerResponse } from 'node:http';
import { MethodError } from '../errors.js';
import { parseBody, readBody, sendJson } from '../http/index.js';

const MAX_CONTROL_BODY_BYTES = 64 * 1024;

/** A control endpoint: the request, the response, the URL (for its query) and the emulator. */
export type ControlRoute<D> = (req: IncomingMessage, res: ServerResponse, url: URL, deps: D) => Promise<void> | void;

/**
 * The parameters of a control request (JSON or form). Answers the failure itself and
 * returns undefined when the body is too large or does not parse.
 */
export async function controlParams(req: IncomingMessage, res: ServerResponse, limit = MAX_CONTROL_BODY_BYTES): Promise<Record<string, unknown> | undefined> {
  const body = await readBody(req, limit);
  if (!body.ok) return void sendJson(res, 413, { ok: false, error: 'request_too_large' });
  try {
    return await parseBody(body.body, req.headers['content-type']);
  } catch (e) {
    return void sendJson(res, 400, { ok: false, error: e instanceof MethodError ? e.code : 'invalid_arguments' });
  }
}

/** A whole number from a control body (JSON number or form string) within [min, max]; undefined otherwise. */
export function intParam(params: Record<string, unknown>, name: string, min: number, max: number, fallback?: number): number | undefined {
  const raw = params[name] ?? fallback;
  const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

export const badRequest = (res: ServerResponse, message: string) => sendJson(res, 400, { ok: false, error: 'invalid_arguments', message });
