import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isObject } from '../../lib/is-object.js';
import { checkLine, LineProblem, streamLines, type Item } from '../../lib/item-lines.js';
import type { AppRow } from '../apps/index.js';
import type { EmulatorDeps } from '../deps.js';
import { EmulatorError, MethodError } from '../errors.js';
import { datastoreOf, itemProblems, type DatastoreDef } from './datastore-config.js';
import { MAX_BULK_ITEMS } from './datastore-bulk.js';
import { callAsOwner } from './datastore-owner.js';

/** What a seed stored: per datastore, in file name order. */
export interface SeedResult {
  datastores: { datastore: string; file: string; items: number }[];
}

const SEED_HINT = 'Each file is <datastore>.jsonl: one item a line, as `rosi datastore export` writes them.';

/**
 * Fills an app's datastores from a folder of JSON Lines files, one per datastore, named after it (`tasks.jsonl`):
 * every line of every file is checked first (JSON, an object, its primary key, the attributes' types), so a bad line
 * or a file named after no datastore stores nothing; then the items go 25 to a bulkPut through the API's own
 * handler, as the app's owner, so the platform's checks apply as for `rosi datastore import`. Blank lines are
 * skipped; the same key twice keeps the later line. Other files in the folder are not read. A folder with no
 * .jsonl file is refused: it is more likely the wrong folder than an empty seed.
 */
export async function seedFolder(deps: EmulatorDeps, appId: string, dir: string): Promise<SeedResult> {
  const app = deps.store.apps.get(appId);
  if (!app) throw new EmulatorError('app_not_found', `Cannot seed datastores: there is no app ${appId}`, { kind: 'usage' });
  const files = await seedFiles(dir, app);
  const loaded: { def: DatastoreDef; file: string; items: { line: number; item: Item }[] }[] = [];
  for (const f of files) loaded.push({ def: f.def, file: f.file, items: await checkedItems(f.path, f.file, f.def) });
  const result: SeedResult = { datastores: [] };
  for (const f of loaded) {
    const latest = new Map<string, { line: number; item: Item }>();
    for (const e of f.items) {
      const key = e.item[f.def.primaryKey] as string;
      // The later line wins, placed where the later line is, as an import would leave it.
      latest.delete(key);
      latest.set(key, e);
    }
    const items = [...latest.values()];
    for (let i = 0; i < items.length; i += MAX_BULK_ITEMS) await store(deps, app, f.def, join(dir, f.file), items.slice(i, i + MAX_BULK_ITEMS));
    result.datastores.push({ datastore: f.def.name, file: f.file, items: items.length });
  }
  return result;
}

async function seedFiles(dir: string, app: AppRow): Promise<{ def: DatastoreDef; file: string; path: string }[]> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith('.jsonl')).map((e) => e.name);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such folder' : code === 'ENOTDIR' ? 'it is not a folder' : `it cannot be read (${code ?? String(e)})`;
    throw new EmulatorError('invalid_seed', `Cannot seed datastores from ${dir}: ${why}`, { kind: 'usage', hint: SEED_HINT, cause: e });
  }
  const known = datastoreNames(app);
  if (names.length === 0) {
    throw new EmulatorError('invalid_seed', `Cannot seed datastores from ${dir}: it holds no .jsonl file`, {
      kind: 'usage',
      hint: `${SEED_HINT} ${known.length > 0 ? `App ${app.id}’s datastores: ${known.join(', ')}.` : `App ${app.id} has no datastores.`}`,
    });
  }
  return names.sort().map((file) => {
    const name = file.slice(0, -'.jsonl'.length);
    try {
      return { def: datastoreOf(app, name), file, path: join(dir, file) };
    } catch (e) {
      if (!(e instanceof MethodError)) throw e;
      throw new EmulatorError('unknown_datastore', `Cannot seed from ${join(dir, file)}: app ${app.id} has no datastore "${name}"`, {
        kind: 'usage',
        hint: known.length > 0 ? `Its datastores: ${known.join(', ')}. Name the file <datastore>.jsonl.` : 'Its manifest declares no datastores.',
      });
    }
  });
}

const datastoreNames = (app: AppRow) => (isObject(app.manifest.datastores) ? Object.keys(app.manifest.datastores) : []);

async function checkedItems(path: string, file: string, def: DatastoreDef): Promise<{ line: number; item: Item }[]> {
  const items: { line: number; item: Item }[] = [];
  for await (const lines of streamLines(createReadStream(path))) {
    for (const { line, text } of lines) {
      if (text.trim() === '') continue;
      const checked = checkLine(text, def.primaryKey);
      const problem =
        checked instanceof LineProblem
          ? checked.reason
          : itemProblems(def, checked.item, '')
              .map((p) => `${p.code}: ${p.message}`)
              .join('; ');
      if (problem || checked instanceof LineProblem) throw badLine(path, line, problem || 'not an item');
      items.push({ line, item: checked.item });
    }
  }
  return items;
}

async function store(deps: EmulatorDeps, app: AppRow, def: DatastoreDef, path: string, batch: { line: number; item: Item }[]): Promise<void> {
  try {
    await callAsOwner(deps, app, 'bulkPut', { datastore: def.name, items: batch.map((e) => e.item) });
  } catch (e) {
    if (!(e instanceof MethodError)) throw e;
    // Checked before anything was stored, so this is a rule only the handler knows: said for the line it names.
    const errors = Array.isArray(e.extra.errors) ? e.extra.errors.filter(isObject) : [];
    const first = errors[0];
    const at = typeof first?.pointer === 'string' ? /^\/items\/(\d+)/.exec(first.pointer) : null;
    const line = at ? batch[Number(at[1])]?.line : batch[0]?.line;
    const why = first ? [first.code, first.message].filter((x) => typeof x === 'string').join(': ') : e.code;
    throw badLine(path, line ?? 0, `refused by apps.datastore.bulkPut: ${why}`, 'Items before this batch are stored.');
  }
}

function badLine(path: string, line: number, why: string, more = ''): EmulatorError {
  return new EmulatorError('invalid_seed', `Cannot seed from ${path}:${line}: ${why}`, {
    kind: 'usage',
    hint: `${more ? `${more} ` : ''}Fix the line (or remove it) and start again. ${SEED_HINT}`,
  });
}
