import { join } from 'node:path';
import type { SlackApi } from '../api/client.js';
import { primaryKeyIn } from '../config/manifest-datastores.js';
import { readTextIfExists } from '../config/read-optional.js';
import { UsageError } from '../errors/cli-error.js';
import { hasPrimaryKey } from './expression.js';
import type { Target } from './requests.js';

/**
 * The datastore's primary key, before anything is sent: from the project's manifest.json when
 * the app was picked through the project (a file read, no call), else from the deployed
 * manifest (`apps.manifest.export`). A manifest.ts or get-manifest hook would cost a build or
 * a process, more than the call, so those projects ask the API.
 */
export async function primaryKeyOf(api: Pick<SlackApi, 'call'>, t: Target): Promise<string> {
  const local = t.root === undefined ? undefined : await projectKey(t.root, t.datastore);
  if (local !== undefined) return local;
  const key = await api.call('apps.manifest.export', { app_id: t.appId }).then(
    (r) => primaryKeyIn(r.manifest, t.datastore),
    () => undefined,
  );
  if (key !== undefined) return key;
  throw new UsageError(`The primary key of datastore ${t.datastore} could not be read from the app manifest`, {
    code: 'missing_primary_key',
    hint: 'Name it with --primary-key <attr>.',
  });
}

/**
 * Items written inside a project are checked against its manifest.json before any call:
 * an item without its primary key would only come back as a datastore_error. Outside a
 * project (or without a manifest.json) the server is left to say so.
 */
export async function checkPrimaryKeys(t: Target, items: readonly Record<string, unknown>[]): Promise<void> {
  const key = t.root === undefined ? undefined : await projectKey(t.root, t.datastore);
  if (key === undefined) return;
  const at = items.findIndex((item) => !hasPrimaryKey(item, key));
  if (at === -1) return;
  const which = items.length === 1 ? 'The item' : `Item ${at + 1} of ${items.length}`;
  throw new UsageError(`${which} has no primary key: datastore ${t.datastore} needs "${key}" as a non-empty string (from manifest.json)`, {
    code: 'missing_primary_key',
    hint: `Add "${key}" to the item.`,
  });
}

/** A manifest.json that is missing, broken or silent about the datastore leaves the answer to the API. */
async function projectKey(root: string, datastore: string): Promise<string | undefined> {
  const text = await readTextIfExists(join(root, 'manifest.json')).catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return primaryKeyIn(JSON.parse(text), datastore);
  } catch {
    return undefined;
  }
}
