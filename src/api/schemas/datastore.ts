import * as z from 'zod/mini';
import { isObject } from '../../lib/is-object.js';
import { ResponseMetadata } from './envelope.js';

/** A datastore item: a JSON object keyed by attribute name. */
export const Item = z.record(z.string(), z.unknown());
const Base = { datastore: z.string().check(z.minLength(1)), app_id: z.string() };
const Expression = {
  expression: z.optional(z.string()),
  expression_attributes: z.optional(z.record(z.string(), z.string())),
  expression_values: z.optional(z.record(z.string(), z.unknown())),
};

export const AppsDatastorePutRequest = z.strictObject({ ...Base, item: Item });
export const AppsDatastorePutResponse = z.looseObject({ datastore: z.optional(z.string()), item: z.optional(Item) });

export const AppsDatastoreUpdateRequest = AppsDatastorePutRequest;
export const AppsDatastoreUpdateResponse = AppsDatastorePutResponse;

export const AppsDatastoreGetRequest = z.strictObject({ ...Base, id: z.string() });
export const AppsDatastoreGetResponse = z.looseObject({ datastore: z.optional(z.string()), item: z.optional(Item) });

export const AppsDatastoreDeleteRequest = z.strictObject({ ...Base, id: z.string() });
export const AppsDatastoreDeleteResponse = z.looseObject({ datastore: z.optional(z.string()), id: z.optional(z.string()) });

export const AppsDatastoreBulkPutRequest = z.strictObject({ ...Base, items: z.array(Item) });
/** On partial failure Slack answers ok:false with failed_items; the client reads them from the error body. */
export const AppsDatastoreBulkPutResponse = z.looseObject({ datastore: z.optional(z.string()), failed_items: z.optional(z.array(Item)) });

export const AppsDatastoreBulkGetRequest = z.strictObject({ ...Base, ids: z.array(z.string()) });
export const AppsDatastoreBulkGetResponse = z.looseObject({
  datastore: z.optional(z.string()),
  items: z.optional(z.array(Item)),
  failed_items: z.optional(z.array(z.string())),
});

export const AppsDatastoreBulkDeleteRequest = z.strictObject({ ...Base, ids: z.array(z.string()) });
export const AppsDatastoreBulkDeleteResponse = z.looseObject({ datastore: z.optional(z.string()), failed_items: z.optional(z.array(z.string())) });

export const AppsDatastoreQueryRequest = z.strictObject({ ...Base, ...Expression, limit: z.optional(z.number()), cursor: z.optional(z.string()) });
export const AppsDatastoreQueryResponse = z.looseObject({
  datastore: z.optional(z.string()),
  items: z.array(Item),
  response_metadata: z.optional(ResponseMetadata),
});

/**
 * Whether a body is a valid AppsDatastoreQueryResponse, checked without the copy that the schema's
 * parse makes of every item: an export reads pages of 1,000, and the copies were a good part of its
 * garbage. It holds exactly when the schema does (datastore.test.ts); when it does not, the schema
 * is asked, for the error.
 */
export function isQueryPage(body: unknown): boolean {
  if (!isObject(body) || !Array.isArray(body.items)) return false;
  if (body.datastore !== undefined && typeof body.datastore !== 'string') return false;
  if (body.response_metadata !== undefined && !ResponseMetadata.safeParse(body.response_metadata).success) return false;
  for (const item of body.items) if (!isObject(item)) return false;
  return true;
}

export const AppsDatastoreCountRequest = z.strictObject({ ...Base, ...Expression });
export const AppsDatastoreCountResponse = z.looseObject({ datastore: z.optional(z.string()), count: z.number() });
