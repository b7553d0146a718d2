import { logEvents, logEventsLater, logExecutionEvents, type PlatformEvent } from '../activity/index.js';
import { authenticateAppToken, isExecutionToken } from '../auth/index.js';
import { unlessDiskFull } from '../db/index.js';
import { resolvedCall, type DatastoreCall } from './datastore-request.js';
import type { EmulatorDeps } from '../deps.js';
import { isObject } from '../../lib/is-object.js';
import { MethodError } from '../errors.js';
import { jsonParam, stringParam, type Handler, type ParsedRequest } from '../http/index.js';

type DatastoreHandler = (req: ParsedRequest, deps: EmulatorDeps) => Record<string, unknown>;

/**
 * The handler, plus a `datastore_request_result` event in the app's log for every request
 * that reached a datastore: level info when it succeeded, error (with the reason) when it
 * failed. Requests refused before that (bad token, another team's app) belong to no log.
 * A write's changes and its event commit together: one commit (one fsync on disk) per request. A read writes
 * nothing but its event, which is queued and written after the answer (with the call log, in batches).
 */
export function logged(requestType: string, handler: DatastoreHandler): Handler {
  return async (req, deps) => {
    await flushCallerOutput(req, deps);
    if (READS.has(requestType)) return read(requestType, handler, req, deps);
    const outcome = withEvent(requestType, handler, req, deps);
    if (outcome.failure) throw outcome.failure;
    return outcome.answer;
  };
}

/**
 * A read in one read transaction (its statements see one state of the database), then its event. No write lock
 * is taken, and a disk too full for the event loses the event, not the answer.
 */
function read(requestType: string, handler: DatastoreHandler, req: ParsedRequest, deps: EmulatorDeps): Record<string, unknown> {
  let answer;
  try {
    answer = deps.store.transaction(() => handler(req, deps));
  } catch (e) {
    if (e instanceof MethodError) recordRead(req, deps, requestType, e);
    throw e;
  }
  recordRead(req, deps, requestType, undefined);
  return answer;
}

function recordRead(req: ParsedRequest, deps: EmulatorDeps, requestType: string, failure: MethodError | undefined): void {
  const call = resolvedCall(req);
  if (!call) return;
  const event = eventOf(req, call, requestType, failure);
  // A function's call joins its execution's trace, whose order is read from the log: written now, as a write's.
  if (call.traceId !== undefined) unlessDiskFull(() => logExecutionEvents(deps, call.traceId as string, [event]));
  else logEventsLater(deps, [event]);
}

/**
 * A function's output comes before the datastore calls it made after printing it (runtime contract §6.6): what
 * the calling execution printed so far is logged ahead of this call's entry. Apart from the request's own
 * transaction, so that a request that rolls back takes no output with it.
 */
async function flushCallerOutput(req: ParsedRequest, deps: EmulatorDeps): Promise<void> {
  if (!isExecutionToken(req.token)) return;
  let caller;
  try {
    caller = authenticateAppToken(req.token, deps);
  } catch (e) {
    // A revoked or unknown token: the handler refuses it, and an ended execution has nothing left to flush.
    if (e instanceof MethodError) return;
    throw e;
  }
  if (caller?.function_execution_id !== undefined) await deps.workflows.flushOutput?.(caller.function_execution_id);
}

/** Requests that change nothing but the log. */
const READS = new Set(['get', 'bulkGet', 'query', 'count']);

/** The handler and its event in one transaction. */
function withEvent(
  requestType: string,
  handler: DatastoreHandler,
  req: ParsedRequest,
  deps: EmulatorDeps,
): { answer: Record<string, unknown>; failure?: undefined } | { answer?: undefined; failure: MethodError } {
  return deps.store.writeTransaction(() => {
    try {
      const answer = handler(req, deps);
      record(req, deps, requestType, undefined);
      return { answer };
    } catch (e) {
      // Slack's refusals are answers, not rollbacks: what was written stays, and so does the event.
      if (!(e instanceof MethodError)) throw e;
      record(req, deps, requestType, e);
      return { failure: e };
    }
  });
}

function record(req: ParsedRequest, deps: EmulatorDeps, requestType: string, failure: MethodError | undefined): void {
  const call = resolvedCall(req);
  if (!call) return;
  const event = eventOf(req, call, requestType, failure);
  // A call a function makes with its execution token belongs to that execution's trace (runtime contract §6.6).
  if (call.traceId !== undefined) logExecutionEvents(deps, call.traceId, [event]);
  else logEvents(deps, [event]);
}

function eventOf(req: ParsedRequest, call: DatastoreCall, requestType: string, failure: MethodError | undefined): PlatformEvent {
  const name = call.def.name;
  const details = detailsOf(requestType, req, call.def.primaryKey);
  return {
    appId: call.app.id,
    event_type: 'datastore_request_result',
    level: failure ? 'error' : 'info',
    component_type: 'tables',
    component_id: name,
    payload: { datastore_name: name, request_type: requestType, details, ...(failure ? { error: reasonOf(failure) } : {}) },
  };
}

/** What the request was about, in a few words; never the items themselves, which may be large or private. */
function detailsOf(requestType: string, req: ParsedRequest, primaryKey: string): string {
  try {
    switch (requestType) {
      case 'put':
      case 'update': {
        const item = jsonParam(req, 'item');
        const id = isObject(item) ? item[primaryKey] : undefined;
        return typeof id === 'string' ? `id: ${id}` : '';
      }
      case 'get':
      case 'delete':
        return `id: ${stringParam(req, 'id') ?? ''}`;
      case 'bulkPut':
      case 'bulkGet':
      case 'bulkDelete': {
        const list = jsonParam(req, requestType === 'bulkPut' ? 'items' : 'ids');
        const noun = requestType === 'bulkPut' ? 'item' : 'id';
        return Array.isArray(list) ? `${list.length} ${list.length === 1 ? noun : `${noun}s`}` : '';
      }
      default: {
        const expression = stringParam(req, 'expression');
        return expression ? `expression: ${expression}` : 'all items';
      }
    }
  } catch {
    // Parameters that do not parse are what the failure reports; the details stay empty.
    return '';
  }
}

/** The error code, and the first detail's message when there is one. */
function reasonOf(e: MethodError): string {
  const failed = e.extra.failed_items;
  if (Array.isArray(failed)) return `${e.code}: ${failed.length} failed`;
  const errors = e.extra.errors;
  const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
  const message = isObject(first) && typeof first.message === 'string' ? first.message : undefined;
  return message ? `${e.code}: ${message}` : e.code;
}
