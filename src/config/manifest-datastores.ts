import { isObject } from '../lib/is-object.js';

/** The `datastores` section of an app manifest: name → definition, leaving out anything that is not an object. */
export function datastoresOf(manifest: unknown): Record<string, Record<string, unknown>> {
  const stores = isObject(manifest) ? manifest.datastores : undefined;
  if (!isObject(stores)) return {};
  return Object.fromEntries(Object.entries(stores).filter((e): e is [string, Record<string, unknown>] => isObject(e[1])));
}

/** The primary key a manifest names for a datastore, when it names a non-empty one. */
export function primaryKeyIn(manifest: unknown, datastore: string): string | undefined {
  const key = datastoresOf(manifest)[datastore]?.primary_key;
  return typeof key === 'string' && key !== '' ? key : undefined;
}
