import { join } from 'node:path';
import type { Context } from '../../context/context.js';
import { datastoresOf } from '../../config/manifest-datastores.js';
import { readTextIfExists } from '../../config/read-optional.js';
import { checkWhereAttributes, WhereError } from '../../datastore/where.js';
import { ApiError } from '../../errors/api-error.js';
import { UsageError } from '../../errors/cli-error.js';
import { closest } from '../../lib/closest.js';
import { isObject } from '../../lib/is-object.js';
import type { Target } from './request.js';

type Datastores = Record<string, Record<string, unknown>>;

/** The command line again with a change: another datastore, a corrected --where, or extra flags. */
export type Rerun = (change: { datastore?: string; where?: string; extra?: string[] }) => string;

/**
 * The datastores of the project's manifest.json, when the app was picked through the project
 * and the file declares a `datastores` section. A manifest.ts or a get-manifest hook would cost
 * a build or a process on every query, so those projects are not checked.
 */
export async function projectDatastores(root: string | undefined): Promise<Datastores | undefined> {
  if (root === undefined) return undefined;
  const text = await readTextIfExists(join(root, 'manifest.json')).catch(() => undefined);
  if (text === undefined) return undefined;
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isObject(manifest) && isObject(manifest.datastores) ? datastoresOf(manifest) : undefined;
}

/**
 * Before a query, count or export: a datastore the project's manifest.json does not declare,
 * or a --where attribute the datastore does not have, would only come back empty or as an
 * error. `--no-check` skips this, for a manifest.json that is ahead of or behind the deployed one.
 *
 * @throws UsageError `datastore_not_found` or `invalid_where` (exit 2), with the known names.
 */
export async function checkAgainstManifest(t: Target, where: string | undefined, rerun: Rerun): Promise<void> {
  const stores = await projectDatastores(t.root);
  if (!stores) return;
  const anyway = `To send it as it is: \`${rerun({ extra: ['--no-check'] })}\`.`;
  const def = stores[t.datastore];
  if (!def) {
    const names = Object.keys(stores);
    const near = closest(t.datastore, names);
    throw new UsageError(`The app has no datastore "${t.datastore}" (manifest.json declares ${list(names)})`, {
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
    throw new UsageError(e.message, { code: e.code, details: e.details, hint: `Its attributes (manifest.json): ${attributes.join(', ')}. ${fix}${anyway}` });
  }
}

/**
 * Runs one datastore call. When Slack answers that the app has no such datastore, the error
 * names the ones it has: from manifest.json when the project has one, else from the deployed
 * manifest (one `apps.manifest.export`, only on this failure).
 */
export async function namingDatastores<T>(ctx: Context, t: Target, call: Promise<T>, rerun?: Rerun): Promise<T> {
  try {
    return await call;
  } catch (e) {
    if (!(e instanceof ApiError) || !isMissingDatastore(e)) throw e;
    const names = Object.keys((await projectDatastores(t.root)) ?? (await deployedDatastores(ctx, t.appId)) ?? {});
    if (names.length === 0) throw e;
    const near = closest(t.datastore, names);
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
