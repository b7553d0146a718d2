import type { ServerResponse } from 'node:http';
import { ConsoleError, sendConsoleJson } from '../reply.js';
import type { ConsoleState } from '../state.js';

/** A listing's page size when none is asked for, and the most one may ask for. */
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;
/** `ok`, `error`, or a Slack error code. */
const STATUS = /^(?:ok|error|[a-z][a-z0-9_]*)$/;

interface RequestsCall {
  res: ServerResponse;
  url: URL;
  params: string[];
  state: ConsoleState;
}

/** GET requests?method=&caller=&status=&before=&limit=: the inspector's calls, newest first. */
export function listRequests({ res, url, state }: RequestsCall): void {
  const q = url.searchParams;
  const status = q.get('status') ?? '';
  if (status !== '' && !STATUS.test(status)) {
    throw new ConsoleError(400, 'invalid_query', `status=${JSON.stringify(status)} is not a call status.`, {
      hint: 'Use status=ok, status=error, or an error code such as status=invalid_auth.',
    });
  }
  const limit = whole(q.get('limit'), 'limit', 1, MAX_LIMIT) ?? DEFAULT_LIMIT;
  const before = whole(q.get('before'), 'before', 1, Number.MAX_SAFE_INTEGER);
  const page = state.requests.list({ method: q.get('method') ?? undefined, caller: q.get('caller') ?? undefined, status }, { before, limit });
  sendConsoleJson(res, 200, { ...page, kept: state.requests.size, max_kept: state.requests.limits.maxCalls });
}

/** GET requests/<seq>: one call with its (redacted) params and answer. */
export function getRequest({ res, params, state }: RequestsCall): void {
  const seq = /^[1-9]\d{0,15}$/.test(params[0] ?? '') ? Number(params[0]) : Number.NaN;
  if (!Number.isSafeInteger(seq)) {
    throw new ConsoleError(400, 'invalid_path', `${JSON.stringify(params[0])} is not a call number.`, {
      hint: 'Use the seq of a call from GET /__console/api/requests.',
    });
  }
  const call = state.requests.get(seq);
  if (!call) {
    throw new ConsoleError(404, 'not_found', `There is no call #${seq} in the request inspector.`, {
      hint: `It keeps the last ${state.requests.limits.maxCalls.toLocaleString('en')} calls since the emulator started; older ones are dropped.`,
    });
  }
  const { bytes: _bytes, ...shown } = call;
  sendConsoleJson(res, 200, { call: shown });
}

function whole(text: string | null, name: string, min: number, max: number): number | undefined {
  if (text === null || text === '') return undefined;
  const n = /^\d{1,16}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new ConsoleError(400, 'invalid_query', `${name}=${JSON.stringify(text)} is not a whole number from ${min} to ${max.toLocaleString('en')}.`, {
      hint:
        name === 'before' ? 'Pass the next_before of the previous page, or leave before out for the newest calls.' : `Leave ${name} out for ${DEFAULT_LIMIT}.`,
    });
  }
  return n;
}
