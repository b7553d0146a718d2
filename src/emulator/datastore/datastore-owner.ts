import type { AppRow } from '../apps/index.js';
import type { EmulatorDeps } from '../deps.js';
import type { ParsedRequest } from '../http/index.js';
import { count, query } from './datastore-query.js';
import { asOwnerOf } from './datastore-request.js';
import { datastoreFamily } from './handlers.js';

/** The methods the emulator's own clients call; reads are unlogged, writes logged as the Web API's are. */
const READS = { query, count };
const WRITES = { put: 'apps.datastore.put', delete: 'apps.datastore.delete', bulkPut: 'apps.datastore.bulkPut' } as const;

export type OwnerRead = keyof typeof READS;
export type OwnerWrite = keyof typeof WRITES;

/**
 * A datastore method called for the app's owner by the emulator's own clients (the console), as `rosi` would call
 * it with the owner's token: the very handler `apps.datastore.*` runs, so the same checks, answers and errors
 * (a `MethodError`, as the Web API's `ok:false`). Writes leave the `datastore_request_result` entry an API call
 * leaves, in the same transaction: the console is one more client. Reads leave none: a page view is no request of
 * the app's, and a live page re-reads at every change.
 */
export async function callAsOwner(
  deps: EmulatorDeps,
  app: AppRow,
  method: OwnerRead | OwnerWrite,
  params: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const name = method in WRITES ? WRITES[method as OwnerWrite] : `apps.datastore.${method}`;
  const req = asOwnerOf(
    { method: name, httpMethod: 'POST', params: { ...params, app_id: app.id }, token: undefined, headers: {} } satisfies ParsedRequest,
    app,
  );
  if (method in READS) return READS[method as OwnerRead](req, deps);
  const handler = datastoreFamily[name];
  if (!handler) throw new Error(`No handler for ${name}`);
  return handler(req, deps);
}
