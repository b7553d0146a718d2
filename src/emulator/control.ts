import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorDeps } from './deps.js';
import { MethodError } from './method-error.js';
import { parseBody, readBody } from './request.js';
import { sendJson, sendNotFound } from './respond.js';
import { approveTicket } from './tickets.js';

export const CONTROL_PREFIX = '/__emulator/';
const MAX_CONTROL_BODY_BYTES = 64 * 1024;

/**
 * Test-only endpoints, mounted only with --control: they do what a person would do in
 * the browser (approve a ticket) and show what clients called. Failures answer non-2xx
 * so a test notices at once.
 */
export async function serveControl(req: IncomingMessage, res: ServerResponse, url: URL, deps: EmulatorDeps): Promise<void> {
  const route = `${req.method ?? 'GET'} ${url.pathname.slice(CONTROL_PREFIX.length)}`;
  switch (route) {
    case 'POST approve':
      return approve(req, res, deps);
    case 'GET calls': {
      const method = url.searchParams.get('method') ?? undefined;
      const calls = deps.store.calls(method).map((c) => ({ method: c.method, at: new Date(c.at).toISOString() }));
      return sendJson(res, 200, { count: calls.length, calls });
    }
    case 'POST reset-calls':
      deps.store.resetCalls();
      return sendJson(res, 200, { ok: true });
    default:
      return sendNotFound(res);
  }
}

async function approve(req: IncomingMessage, res: ServerResponse, deps: EmulatorDeps): Promise<void> {
  const body = await readBody(req, MAX_CONTROL_BODY_BYTES);
  if (!body.ok) return sendJson(res, 413, { ok: false, error: 'request_too_large' });
  let params: Record<string, unknown>;
  try {
    params = await parseBody(body.body, req.headers['content-type']);
  } catch (e) {
    return sendJson(res, 400, { ok: false, error: e instanceof MethodError ? e.code : 'invalid_arguments' });
  }
  const ticket = typeof params.ticket === 'string' ? params.ticket : '';
  const state = approveTicket(ticket, deps);
  if (state.kind === 'approved') return sendJson(res, 200, { challenge: state.challenge });
  const status = state.kind === 'unknown' ? 404 : 409;
  return sendJson(res, status, { ok: false, error: 'invalid_ticket', state: state.kind });
}
