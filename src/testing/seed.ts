import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { EmulatorClient } from './client.js';
import { RosiTestingError } from './errors.js';
import type { Datastore, Item } from './public-api.js';

/** apps.datastore.bulkPut's most items per call. */
const BATCH = 25;
const IN_FLIGHT = 4;

/** The items of a seed: a folder of `<datastore>.jsonl` files, or the object itself. */
export function readSeed(seed: string | Readonly<Record<string, readonly Item[]>>): Record<string, readonly Item[]> {
  if (typeof seed !== 'string') return { ...seed };
  if (!existsSync(seed) || !statSync(seed).isDirectory()) throw new RosiTestingError('no_seed', `seed: there is no folder at ${seed}`);
  const files = readdirSync(seed).filter((f) => f.endsWith('.jsonl'));
  return Object.fromEntries(files.map((f) => [basename(f, '.jsonl'), readLines(join(seed, f))]));
}

function readLines(file: string): Item[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      if (line.trim() === '') return [];
      try {
        const item = JSON.parse(line) as unknown;
        if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new Error('not an object');
        return [item as Item];
      } catch (e) {
        throw new RosiTestingError('bad_seed', `${file}:${i + 1} is not a JSON object (${e instanceof Error ? e.message : String(e)})`);
      }
    });
}

/** Puts the items with bulkPut, a few calls in flight; an item the datastore refuses is thrown, naming it. */
export async function putItems(client: EmulatorClient, appId: string, datastore: string, items: readonly Item[]): Promise<void> {
  const batches: Item[][] = [];
  for (let i = 0; i < items.length; i += BATCH) batches.push(items.slice(i, i + BATCH));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++] as Item[];
      const answer = await client.api('apps.datastore.bulkPut', { app_id: appId, datastore, items: batch });
      const failed = (answer.failed_items as Item[] | undefined) ?? [];
      if (failed.length)
        throw new RosiTestingError('seed_failed', `${datastore}: the datastore refused ${failed.length} item(s), the first ${JSON.stringify(failed[0])}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, batches.length) }, worker));
}

export function datastoreOf(client: EmulatorClient, appId: () => string, name: string): Datastore {
  return {
    async get(id) {
      const answer = await client.api('apps.datastore.get', { app_id: appId(), datastore: name, id });
      const item = answer.item as Item | undefined;
      return item && Object.keys(item).length > 0 ? item : undefined;
    },
    async put(item) {
      return (await client.api('apps.datastore.put', { app_id: appId(), datastore: name, item })).item as Item;
    },
    async query(q = {}) {
      const items: Item[] = [];
      let cursor: string | undefined;
      do {
        const answer = await client.api('apps.datastore.query', { app_id: appId(), datastore: name, ...q, limit: 1000, ...(cursor ? { cursor } : {}) });
        items.push(...((answer.items as Item[] | undefined) ?? []));
        cursor = (answer.response_metadata as { next_cursor?: string } | undefined)?.next_cursor || undefined;
      } while (cursor);
      return items;
    },
  };
}
