import type { Context } from '../../context/context.js';
import { deployedDatastores, isMissingDatastore, projectDatastores, queryableAttributes } from '../../datastore/app-datastores.js';
import type { Target } from '../../datastore/requests.js';
import { checkWhereAttributes, WhereError } from '../../datastore/where.js';
import { ApiError } from '../../errors/api-error.js';
import { UsageError } from '../../errors/cli-error.js';
import { suggestions } from '../../lib/suggest.js';

/** The command line again with a change: another datastore, a corrected --where, or extra flags. */
export type Rerun = (change: { datastore?: string; where?: string; extra?: string[] }) => string;

/**
 * Before a query, count or export: a datastore the project's manifest does not declare,
 * or a --where attribute the datastore does not have, would only come back empty or as an
 * error. `--no-check` skips this, for a manifest that is ahead of or behind the deployed one.
 *
 * @throws UsageError `datastore_not_found` or `invalid_where` (exit 2), with the known names.
 */
export async function checkAgainstManifest(ctx: Context, t: Target, where: string | undefined, rerun: Rerun): Promise<void> {
  const known = await projectDatastores(t.root, ctx.env);
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
  const attributes = queryableAttributes(def);
  if (where === undefined || attributes === undefined) return;
  try {
    checkWhereAttributes(where, t.datastore, attributes);
  } catch (e) {
    if (!(e instanceof WhereError)) throw e;
    const fix = e.fixed === undefined ? '' : `Did you mean \`${rerun({ where: e.fixed })}\`? `;
    throw new UsageError(e.message, { code: e.code, details: e.details, hint: `Its attributes (${known.file}): ${attributes.join(', ')}. ${fix}${anyway}` });
  }
}

/**
 * Awaits one datastore call. When Slack answers that the app has no such datastore, the error
 * names the ones it has: from the project's manifest when there is one, else from the deployed
 * manifest (one `apps.manifest.export`, only on this failure).
 */
export async function namingDatastores<T>(ctx: Context, t: Target, call: Promise<T>, rerun?: Rerun): Promise<T> {
  try {
    return await call;
  } catch (e) {
    if (!(e instanceof ApiError) || !isMissingDatastore(e)) throw e;
    const names = Object.keys((await projectDatastores(t.root, ctx.env))?.stores ?? (await deployedDatastores(await ctx.api(), t.appId)) ?? {});
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

function list(names: readonly string[]): string {
  return names.length === 0 ? 'none' : names.join(', ');
}
