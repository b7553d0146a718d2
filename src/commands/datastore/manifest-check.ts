import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from '../../context/context.js';
import { datastoresOf } from '../../config/manifest-datastores.js';
import { readTextIfExists } from '../../config/read-optional.js';
import { checkWhereAttributes, WhereError } from '../../datastore/where.js';
import { ApiError } from '../../errors/api-error.js';
import { UsageError } from '../../errors/cli-error.js';
import { suggestions } from '../../lib/suggest.js';
import { isObject } from '../../lib/is-object.js';
import type { Target } from './request.js';

type Datastores = Record<string, Record<string, unknown>>;

/** The command line again with a change: another datastore, a corrected --where, or extra flags. */
export type Rerun = (change: { datastore?: string; where?: string; extra?: string[] }) => string;

/** The datastores a project's manifest declares, and which file said so (for messages). */
interface Known {
  stores: Datastores;
  file: string;
}

/**
 * The datastores of the project's manifest, when the app was picked through the project and
 * the manifest declares a `datastores` section: manifest.json is read, manifest.ts/js built as
 * completion builds them. A get-manifest hook is not run (it may be slow, or print), and a
 * manifest that does not load leaves the API to judge.
 */
async function projectDatastores(ctx: Context, root: string | undefined): Promise<Known | undefined> {
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
    const { loadManifest, MANIFEST_FILES } = await import('../../deploy/bundle/manifest.js');
    const found = MANIFEST_FILES.find((f) => existsSync(join(root, f)));
    if (found === undefined) return undefined;
    file = found;
    manifest = await loadManifest(root, undefined, { env: ctx.env, timeoutMs: 5_000 }).catch(() => undefined);
  }
  return isObject(manifest) && isObject(manifest.datastores) ? { stores: datastoresOf(manifest), file } : undefined;
}

/**
 * Before a query, count or export: a datastore the project's manifest does not declare,
 * or a --where attribute the datastore does not have, would only come back empty or as an
 * error. `--no-check` skips this, for a manifest that is ahead of or behind the deployed one.
 *
 * @throws UsageError `datastore_not_found` or `invalid_where` (exit 2), with the known names.
 */
export async function checkAgainstManifest(ctx: Context, t: Target, where: string | undefined, rerun: Rerun): Promise<void> {
  const known = await projectDatastores(ctx, t.root);
  if (!known) return;
  const anyway = `To send it as it is: \`${rerun({ extra: ['--no-check'] })}\`.`;
  const def = known.stores[t.datastore];
  if (!def) {
    const names = Object.keys(known.stores);
    const near = suggestions(t.datastore, names)[0];
    throw new UsageError(`The app has no datastore "${t.datastore}" (${known.file} declares ${list(names)})`, {
      code: 'datastore_not_found',
      hint: `${near === undefined ? '' : `Did you mean \`${rerun({ datastore: near })}\`? `}${anyway}`,
    });
  }
  if (where === undefined || !isObject(def.attributes)) return;
  const attributes = [...new Set([...(typeof def.primary_key === 'string' ? [def.primary_key] : []), ...Object.keys(def.attributes)])];
  try {
    checkWhereAttributes(where, t.datastore, attributes);
  } catch (e) {
    if (!(e instanceof WhereError)) throw e;
    const fix = e.fixed === undefined ? '' : `Did you mean \`${rerun({ where: e.fixed })}\`? `;
    throw new UsageError(e.message, { code: e.code, details: e.details, hint: `Its attributes (${known.file}): ${attributes.join(', ')}. ${fix}${anyway}` });
  }
}

/**
 * Runs one datastore call. When Slack answers that the app has no such datastore, the error
 * names the ones it has: from the project's manifest when there is one, else from the deployed
 * manifest (one `apps.manifest.export`, only on this failure).
 */
export async function namingDatastores<T>(ctx: Context, t: Target, call: Promise<T>, rerun?: Rerun): Promise<T> {
  try {
    return await call;
  } catch (e) {
    if (!(e instanceof ApiError) || !isMissingDatastore(e)) throw e;
    const names = Object.keys((await projectDatastores(ctx, t.root))?.stores ?? (await deployedDatastores(ctx, t.appId)) ?? {});
    if (names.length === 0) throw e;
    const near = suggestions(t.datastore, names)[0];
    const fix = near === undefined ? '' : rerun ? ` Did you mean \`${rerun({ datastore: near })}\`?` : ` Did you mean ${near}?`;
    throw new ApiError({
      method: e.method,
      error: e.slackError,
      status: e.status,
      description: `The app has no datastore "${t.datastore}"; it has ${list(names)}`,
      body: e.body,
      cause: e,
      hint: `Name one of those with --datastore.${fix}`,
    });
  }
}

function isMissingDatastore(e: ApiError): boolean {
  const errors = isObject(e.body) && Array.isArray(e.body.errors) ? e.body.errors : [];
  return e.slackError === 'invalid_datastore' || errors.some((d) => isObject(d) && d.code === 'datastore_config_not_found');
}

async function deployedDatastores(ctx: Context, appId: string): Promise<Datastores | undefined> {
  const api = await ctx.api();
  return api.call('apps.manifest.export', { app_id: appId }).then((r) => datastoresOf(r.manifest), () => undefined);
}

function list(names: readonly string[]): string {
  return names.length === 0 ? 'none' : names.join(', ');
}
