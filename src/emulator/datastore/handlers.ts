import type { ResponseOf } from '../../api/methods.js';
import { datastoreError, itemProblems, MAX_ITEM_BYTES } from './datastore-config.js';
import { datastoreCall, idParam, objectParam } from './datastore-request.js';
import type { EmulatorDeps } from '../deps.js';
import type { Family, ParsedRequest } from '../http/index.js';
import { logged } from './datastore-activity.js';
import { bulkDelete, bulkGet, bulkPut } from './datastore-bulk.js';
import { count, queryPage } from './datastore-query.js';

/** Creates or replaces the item with the item's primary key. */
function put(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'apps.datastore.put'> {
  const { app, def } = datastoreCall(req, deps);
  const item = objectParam(req, 'item');
  const problems = itemProblems(def, item, '/item');
  if (problems.length > 0) throw datastoreError(problems);
  deps.store.items.put(app.id, def.name, item[def.primaryKey] as string, item, deps.now());
  return { datastore: def.name, item };
}

/** Merges the given attributes into the stored item (creating it when absent); answers the whole item. */
function update(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'apps.datastore.update'> {
  const { app, def } = datastoreCall(req, deps);
  const changes = objectParam(req, 'item');
  const problems = itemProblems(def, changes, '/item');
  if (problems.length > 0) throw datastoreError(problems);
  const id = changes[def.primaryKey] as string;
  const item = deps.store.items.transaction(() => {
    const merged = { ...deps.store.items.get(app.id, def.name, id), ...changes };
    if (Buffer.byteLength(JSON.stringify(merged)) > MAX_ITEM_BYTES) {
      throw datastoreError([
        { code: 'item_too_large', message: `The updated item would be larger than the ${MAX_ITEM_BYTES / 1024} KB limit`, pointer: '/item' },
      ]);
    }
    deps.store.items.put(app.id, def.name, id, merged, deps.now());
    return merged;
  });
  return { datastore: def.name, item };
}

/** A missing item is no error: the answer carries an empty item, as Slack's does. */
function get(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'apps.datastore.get'> {
  const { app, def } = datastoreCall(req, deps);
  return { datastore: def.name, item: deps.store.items.get(app.id, def.name, idParam(req)) ?? {} };
}

/** Deleting an item that is not there succeeds, as DynamoDB's DeleteItem does. */
function remove(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'apps.datastore.delete'> {
  const { app, def } = datastoreCall(req, deps);
  const id = idParam(req);
  deps.store.items.delete(app.id, def.name, id);
  return { datastore: def.name, id };
}

export const datastoreFamily: Family = {
  'apps.datastore.put': logged('put', put),
  'apps.datastore.update': logged('update', update),
  'apps.datastore.get': logged('get', get),
  'apps.datastore.delete': logged('delete', remove),
  'apps.datastore.bulkPut': logged('bulkPut', bulkPut),
  'apps.datastore.bulkGet': logged('bulkGet', bulkGet),
  'apps.datastore.bulkDelete': logged('bulkDelete', bulkDelete),
  'apps.datastore.query': logged('query', queryPage),
  'apps.datastore.count': logged('count', count),
};
