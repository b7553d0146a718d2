import { isObject } from '../../lib/is-object.js';
import { authenticateForApp, isHosted, type AppRow } from '../apps/index.js';
import { authenticateAppToken } from '../auth/index.js';
import { datastoreOf, type DatastoreDef } from './datastore-config.js';
import type { Item } from './datastore-store.js';
import type { EmulatorDeps } from '../deps.js';
import { MethodError } from '../errors.js';
import { jsonParam, stringParam, type ParsedRequest } from '../http/index.js';

export interface DatastoreCall {
  app: AppRow;
  def: DatastoreDef;
  /** The trace of the function execution whose token made the call, if one did. */
  traceId?: string;
}

/**
 * Requests the emulator's own clients make for an app's owner (`datastore-owner.ts`): built in the process, never
 * read off the network, so they carry the app instead of a token.
 */
const ownerCalls = new WeakMap<ParsedRequest, AppRow>();

/** Marks a request made in the process as the owner of `app` (who has access to it, as its owner's token would). */
export function asOwnerOf(req: ParsedRequest, app: AppRow): ParsedRequest {
  ownerCalls.set(req, app);
  return req;
}

/**
 * The app a call may touch. A developer's token names it with app_id and must have access
 * to it; an app's own bot or execution token (what its functions call with) is tied to its one app, so
 * app_id may be left out, and naming another app is invalid_app_id.
 */
function appOf(req: ParsedRequest, deps: EmulatorDeps): { app: AppRow; traceId?: string } {
  const owned = ownerCalls.get(req);
  if (owned) return { app: owned };
  // A function's execution token speaks for its app as the bot token does, while its execution runs.
  const caller = authenticateAppToken(req.token, deps);
  if (!caller) return { app: authenticateForApp(req, deps).app };
  const app = deps.store.apps.get(caller.app_id);
  if (!app) throw new MethodError('invalid_auth');
  const named = stringParam(req, 'app_id');
  if (named !== undefined && named !== app.id) throw new MethodError('invalid_app_id');
  return { app, ...(caller.trace_id === undefined ? {} : { traceId: caller.trace_id }) };
}

/** The call each request resolved to, kept for the activity log, which records the outcome afterwards. */
const resolved = new WeakMap<ParsedRequest, DatastoreCall>();

/** The preamble of every datastore method: token, app access, a hosted app, a declared datastore. */
export function datastoreCall(req: ParsedRequest, deps: EmulatorDeps): DatastoreCall {
  const { app, traceId } = appOf(req, deps);
  // Datastores live on Slack's infrastructure: an app that does not run there has none.
  if (!isHosted(app.manifest)) throw new MethodError('app_not_hosted');
  const name = stringParam(req, 'datastore');
  if (!name) throw new MethodError('invalid_arguments');
  const call: DatastoreCall = { app, def: datastoreOf(app, name), ...(traceId === undefined ? {} : { traceId }) };
  resolved.set(req, call);
  return call;
}

/** The app and datastore a request reached, if it got that far. */
export const resolvedCall = (req: ParsedRequest): DatastoreCall | undefined => resolved.get(req);

/** An object parameter (a JSON object, or a form field holding one); invalid_arguments otherwise. */
export function objectParam(req: ParsedRequest, name: string): Item {
  const v = jsonParam(req, name);
  if (!isObject(v)) throw new MethodError('invalid_arguments');
  return v;
}

/** A list parameter whose entries all pass `check`; invalid_arguments otherwise. */
export function listParam<T>(req: ParsedRequest, name: string, check: (v: unknown) => v is T): T[] {
  const v = jsonParam(req, name);
  if (!Array.isArray(v) || !v.every(check)) throw new MethodError('invalid_arguments');
  return v;
}

/** An `id` parameter: the primary key value of one item. */
export function idParam(req: ParsedRequest): string {
  const id = stringParam(req, 'id');
  if (id === undefined) throw new MethodError('invalid_arguments');
  return id;
}

/** Counts down a requested fault: true when this item should fail. */
export function injectedFailure(deps: EmulatorDeps): boolean {
  const f = deps.datastore.faults;
  if (f.failItems <= 0) return false;
  f.failItems--;
  return true;
}
