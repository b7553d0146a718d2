import { join } from 'node:path';
import type { Context } from '../../context/context.js';
import { readTextIfExists } from '../../config/read-optional.js';
import { UsageError } from '../../errors/cli-error.js';
import { isObject } from '../../lib/is-object.js';
import type { Target } from './request.js';

/**
 * The datastore's primary key, before anything is sent: from the project's manifest.json when
 * the app was picked through the project (a file read, no call), else from the deployed
 * manifest (`apps.manifest.export`). A manifest.ts or get-manifest hook would cost a build or
 * a process, more than the call, so those projects ask the API.
 */
export async function primaryKeyOf(ctx: Context, t: Target): Promise<string> {
  const local = t.root === undefined ? undefined : await projectKey(t.root, t.datastore);
  if (local !== undefined) return local;
  const api = await ctx.api();
  const key = await api.call('apps.manifest.export', { app_id: t.appId }).then((r) => keyIn(r.manifest, t.datastore), () => undefined);
  if (key !== undefined) return key;
  throw new UsageError(`The primary key of datastore ${t.datastore} could not be read from the app manifest`, {
    code: 'missing_primary_key',
    hint: 'Name it with --primary-key <attr>.',
  });
}

/** A manifest.json that is missing, broken or silent about the datastore leaves the answer to the API. */
async function projectKey(root: string, datastore: string): Promise<string | undefined> {
  const text = await readTextIfExists(join(root, 'manifest.json')).catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return keyIn(JSON.parse(text), datastore);
  } catch {
    return undefined;
  }
}

function keyIn(manifest: unknown, datastore: string): string | undefined {
  const stores = isObject(manifest) ? manifest.datastores : undefined;
  const def = isObject(stores) ? stores[datastore] : undefined;
  return isObject(def) && typeof def.primary_key === 'string' && def.primary_key !== '' ? def.primary_key : undefined;
}
