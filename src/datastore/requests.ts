import type { SlackApi } from '../api/client.js';
import type { ResponseOf } from '../api/methods.js';
import { runBulk, type BulkProgress, type BulkResult } from './bulk.js';
import { isEmpty, type DatastoreExpression, type Item } from './expression.js';

type Api = Pick<SlackApi, 'call'>;

/** Which datastore of which app a request goes to. */
export interface Target {
  appId: string;
  datastore: string;
  /** The project folder, when the app was picked through one. */
  root?: string | undefined;
}

/** The filter fields of a query or count request. */
export type Filter = Pick<DatastoreExpression, 'expression' | 'expression_attributes' | 'expression_values'>;

/** Drops empty fields: the wire never carries them (contract §6.2). */
export function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => !isEmpty(v))) as T;
}

const to = (t: Target) => ({ datastore: t.datastore, app_id: t.appId });

export function getItem(api: Api, t: Target, id: string): Promise<ResponseOf<'apps.datastore.get'>> {
  return api.call('apps.datastore.get', { ...to(t), id });
}

export function putItem(api: Api, t: Target, item: Item): Promise<ResponseOf<'apps.datastore.put'>> {
  return api.call('apps.datastore.put', { ...to(t), item });
}

export function updateItem(api: Api, t: Target, item: Item): Promise<ResponseOf<'apps.datastore.update'>> {
  return api.call('apps.datastore.update', { ...to(t), item });
}

export function deleteItem(api: Api, t: Target, id: string): Promise<ResponseOf<'apps.datastore.delete'>> {
  return api.call('apps.datastore.delete', { ...to(t), id });
}

export function countItems(api: Api, t: Target, filter: Filter): Promise<ResponseOf<'apps.datastore.count'>> {
  return api.call('apps.datastore.count', { ...to(t), ...filter });
}

/** One page of a query: `limit` items evaluated at most, from `cursor` on. */
export function queryPage(api: Api, t: Target, filter: Filter, limit: number, cursor: string | undefined): Promise<ResponseOf<'apps.datastore.query'>> {
  return api.call('apps.datastore.query', compact({ ...to(t), ...filter, limit, cursor }));
}

/** Reads the items in calls of 25 (see runBulk); failed IDs are collected, not thrown. */
export function bulkGetItems(api: Api, t: Target, ids: readonly string[]): Promise<BulkResult<string, Item>> {
  return runBulk<string, string, Item>(ids, (batch) => api.call('apps.datastore.bulkGet', { ...to(t), ids: batch }));
}

/** Stores the items in calls of 25 (see runBulk); failed items are collected, not thrown. */
export function bulkPutItems(api: Api, t: Target, items: readonly Item[], onProgress?: (p: BulkProgress) => void): Promise<BulkResult<Item, never>> {
  return runBulk<Item, Item, never>(items, (batch) => api.call('apps.datastore.bulkPut', { ...to(t), items: batch }), onProgress);
}

/** Deletes the items in calls of 25 (see runBulk); failed IDs are collected, not thrown. */
export function bulkDeleteItems(api: Api, t: Target, ids: readonly string[]): Promise<BulkResult<string, never>> {
  return runBulk<string, string, never>(ids, (batch) => api.call('apps.datastore.bulkDelete', { ...to(t), ids: batch }));
}

/**
 * One `apps.datastore.bulkPut` call of an import; rejects with ApiError on ok:false.
 * `onRateLimited` is called when Slack answers 429, even if the call then succeeds on a resend.
 */
export function putBatch(api: Api, t: Target, items: Item[], onRateLimited: () => void): Promise<ResponseOf<'apps.datastore.bulkPut'>> {
  return api.call(
    'apps.datastore.bulkPut',
    { ...to(t), items },
    {
      onRetry: (status) => {
        if (status === 429) onRateLimited();
      },
    },
  );
}
