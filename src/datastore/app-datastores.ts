import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SlackApi } from '../api/client.js';
import { datastoresOf } from '../config/manifest-datastores.js';
import { readTextIfExists } from '../config/read-optional.js';
import type { ApiError } from '../errors/api-error.js';
import { isObject } from '../lib/is-object.js';

/** Each datastore's definition, by name, as a manifest declares it. */
export type Datastores = Record<string, Record<string, unknown>>;

/** The datastores a project's manifest declares, and which file said so (for messages). */
export interface DeclaredDatastores {
  stores: Datastores;
  file: string;
}

/**
 * The datastores of the project's manifest, when the app was picked through the project and
 * the manifest declares a `datastores` section: manifest.json is read, manifest.ts/js built as
 * completion builds them. A get-manifest hook is not run (it may be slow, or print), and a
 * manifest that does not load leaves the API to judge.
 */
export async function projectDatastores(root: string | undefined, env: Readonly<Record<string, string | undefined>>): Promise<DeclaredDatastores | undefined> {
  if (root === undefined) return undefined;
  const text = await readTextIfExists(join(root, 'manifest.json')).catch(() => undefined);
  let manifest: unknown;
  let file = 'manifest.json';
  if (text !== undefined) {
    try {
      manifest = JSON.parse(text);
    } catch {
      return undefined;
    }
  } else {
    const { loadManifest, MANIFEST_FILES } = await import('../deploy/bundle/manifest.js');
    const found = MANIFEST_FILES.find((f) => existsSync(join(root, f)));
    if (found === undefined) return undefined;
    file = found;
    manifest = await loadManifest(root, undefined, { env, timeoutMs: 5_000 }).catch(() => undefined);
  }
  return isObject(manifest) && isObject(manifest.datastores) ? { stores: datastoresOf(manifest), file } : undefined;
}

/** The datastores of the deployed manifest (`apps.manifest.export`); undefined when it cannot be read. */
export async function deployedDatastores(api: Pick<SlackApi, 'call'>, appId: string): Promise<Datastores | undefined> {
  return api.call('apps.manifest.export', { app_id: appId }).then(
    (r) => datastoresOf(r.manifest),
    () => undefined,
  );
}

/** The attributes a --where may name: the primary key and the declared attributes; undefined when none are declared. */
export function queryableAttributes(definition: Record<string, unknown>): string[] | undefined {
  if (!isObject(definition.attributes)) return undefined;
  return [...new Set([...(typeof definition.primary_key === 'string' ? [definition.primary_key] : []), ...Object.keys(definition.attributes)])];
}

/** Whether Slack refused a call because the app has no datastore of that name. */
export function isMissingDatastore(e: ApiError): boolean {
  const errors = isObject(e.body) && Array.isArray(e.body.errors) ? e.body.errors : [];
  return e.slackError === 'invalid_datastore' || errors.some((d) => isObject(d) && d.code === 'datastore_config_not_found');
}
