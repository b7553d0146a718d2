import { afterAll, beforeAll, beforeEach } from 'vitest';
import { methods, type MethodName } from '../../src/api/methods.js';
import { createApp, hostedManifest } from './hosting.js';
import { allowLoopback, startInProcess, type InProcessEmulator, type Json } from './in-process-emulator.js';

/** A hosted app with two datastores: `things` (every attribute type) and `tasks`. */
export function datastoreManifest(patch: Json = {}): Json {
  return hostedManifest({
    types: { anything: { type: 'object' } },
    datastores: {
      things: {
        primary_key: 'id',
        attributes: {
          id: { type: 'string' },
          name: { type: 'string' },
          n: { type: 'number' },
          count: { type: 'integer' },
          flag: { type: 'boolean' },
          tags: { type: 'array' },
          meta: { type: 'object' },
          status: { type: 'string' },
          owner: { type: 'slack#/types/user_id' },
          misc: { type: '#/types/anything' },
          'a.b': { type: 'string' },
          blob: { type: 'string' },
        },
      },
      tasks: { primary_key: 'task_id', attributes: { task_id: { type: 'string' }, title: { type: 'string' }, priority: { type: 'integer' } } },
    },
    ...patch,
  });
}

export interface DatastoreClient {
  token: string;
  appId: string;
  /** Calls apps.datastore.<method> with the app ID added; checks an ok answer against the registry's schema. */
  call(method: string, body?: Json): Promise<Json>;
  /** Every item of a datastore, through the control endpoint. */
  all(datastore?: string): Promise<Json[]>;
}

export async function datastoreClient(emu: InProcessEmulator, manifest: Json = datastoreManifest()): Promise<DatastoreClient> {
  const { token, appId } = await createApp(emu, manifest);
  return {
    token,
    appId,
    async call(method, body = {}) {
      const name = `apps.datastore.${method}` as MethodName;
      const r = await emu.json(name, { app_id: appId, ...body }, token);
      if (r.ok === true && !methods[name].response.safeParse(r).success) throw new Error(`${name} answer does not fit the schema: ${JSON.stringify(r)}`);
      return r;
    },
    async all(datastore = 'things') {
      const res = await fetch(`${emu.url}/__emulator/datastore?app_id=${appId}&datastore=${datastore}`);
      return ((await res.json()) as { items: Json[] }).items;
    },
  };
}

/** Puts items 25 at a time. */
export async function putAll(client: DatastoreClient, items: Json[], datastore = 'things'): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    const r = await client.call('bulkPut', { datastore, items: items.slice(i, i + 25) });
    if (r.ok !== true) throw new Error(`bulkPut failed: ${JSON.stringify(r)}`);
  }
}

/** One emulator and one app for a whole file (seeded once): for read-only tables of cases. */
export function useSharedDatastore(seed: Json[]): () => { emu: InProcessEmulator; client: DatastoreClient } {
  let state: { emu: InProcessEmulator; client: DatastoreClient } | undefined;
  beforeAll(async () => {
    allowLoopback();
    const emu = await startInProcess();
    const client = await datastoreClient(emu);
    await putAll(client, seed);
    state = { emu, client };
  });
  beforeEach(() => allowLoopback());
  afterAll(async () => state?.emu.running.close());
  return () => {
    if (!state) throw new Error('the emulator runs only inside a test');
    return state;
  };
}
