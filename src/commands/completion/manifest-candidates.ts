import type { Context } from '../../context/context.js';
import { datastoresOf } from '../../config/manifest-datastores.js';
import { isObject } from '../../lib/is-object.js';
import type { Candidate } from './candidate.js';

/** Datastore names of the project's manifest, with their primary key as the description. */
export async function datastoreCandidates(ctx: Context): Promise<Candidate[]> {
  return Object.entries(await manifestDatastores(ctx)).map(([name, d]) =>
    typeof d.primary_key === 'string' ? { value: name, description: `primary key ${d.primary_key}` } : { value: name },
  );
}

/** Attribute names of every datastore in the manifest, for the first word of `--where`. */
export async function attributeCandidates(ctx: Context): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const [name, d] of Object.entries(await manifestDatastores(ctx))) {
    if (!isObject(d.attributes)) continue;
    for (const [attr, def] of Object.entries(d.attributes)) {
      const type = isObject(def) && typeof def.type === 'string' ? `${def.type} in ${name}` : name;
      out.push({ value: attr, description: type });
    }
  }
  return out;
}

/**
 * The `datastores` section of the project's manifest file. A `get-manifest` hook is never
 * run on a Tab press (it may be slow or print), so only manifest.json/ts/js count.
 */
async function manifestDatastores(ctx: Context): Promise<Record<string, Record<string, unknown>>> {
  const { findProjectRoot } = await import('../../config/project.js');
  const root = findProjectRoot(ctx.paths.cwd, ctx.paths.home);
  if (!root) return {};
  const { loadManifest } = await import('../../deploy/bundle/manifest.js');
  const manifest = await loadManifest(root, undefined, { env: ctx.env, timeoutMs: 5_000 });
  return datastoresOf(manifest);
}
