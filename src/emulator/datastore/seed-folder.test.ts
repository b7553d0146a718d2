import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { datastoreManifest } from '../../../test/helpers/datastore.js';
import { useInProcessEmulator, type Json } from '../../../test/helpers/in-process-emulator.js';
import { SEEDED_APP_ID } from '../apps/index.js';

const emulator = useInProcessEmulator({ manifest: datastoreManifest() });
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function folder(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'rosi-seed-test-'));
  dirs.push(d);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}
const lines = (...items: unknown[]) => items.map((i) => (typeof i === 'string' ? i : JSON.stringify(i))).join('\n') + '\n';
async function items(datastore: string): Promise<Json[]> {
  const res = await fetch(`${emulator().url}/__emulator/datastore?app_id=${SEEDED_APP_ID}&datastore=${datastore}`);
  return ((await res.json()) as { items: Json[] }).items;
}
const seed = (dir: string) => emulator().running.seedDatastores(dir, SEEDED_APP_ID);
const refusal = (dir: string) =>
  seed(dir).then(
    () => expect.fail('the seed was taken'),
    (e: unknown) => e as Error & { code: string; kind: string; hint?: string },
  );

describe('seeding datastores from a folder', () => {
  it('stores every item of every <datastore>.jsonl file, skipping blank lines and other files; the same key twice keeps the later line', async () => {
    const dir = folder({
      'things.jsonl': lines({ id: 'a', name: 'one' }, '', { id: 'b', n: 2.5, tags: ['x'] }, { id: 'a', name: 'again' }),
      'tasks.jsonl': '',
      'README.md': 'not items',
      'things.jsonl.bak': 'not JSON at all',
    });
    expect(await seed(dir)).toEqual({
      datastores: [
        { datastore: 'tasks', file: 'tasks.jsonl', items: 0 },
        { datastore: 'things', file: 'things.jsonl', items: 2 },
      ],
    });
    expect(await items('things')).toEqual([
      { id: 'a', name: 'again' },
      { id: 'b', n: 2.5, tags: ['x'] },
    ]);
  });

  it('stores a seed larger than one call takes (25 items), all of it', async () => {
    const many = Array.from({ length: 130 }, (_, i) => ({ task_id: `t${String(i).padStart(3, '0')}`, priority: i }));
    expect((await seed(folder({ 'tasks.jsonl': lines(...many) }))).datastores[0]?.items).toBe(130);
    expect(await items('tasks')).toHaveLength(130);
  });

  it.each([
    { name: 'not JSON', line: '{"id": ', why: /things\.jsonl:2: not valid JSON/ },
    { name: 'not an object', line: '[1, 2]', why: /things\.jsonl:2: not a JSON object/ },
    { name: 'no primary key', line: '{"name": "x"}', why: /things\.jsonl:2: no primary key "id"/ },
    {
      name: 'an attribute of the wrong type',
      line: '{"id": "x", "count": "many"}',
      why: /things\.jsonl:2: invalid_attribute_type: Attribute "count" must be of type integer/,
    },
    { name: 'an attribute the datastore lacks', line: '{"id": "x", "colour": "red"}', why: /things\.jsonl:2: unknown_attribute/ },
  ])('a line with $name stops the seed naming file:line, and nothing of any file is stored', async ({ line, why }) => {
    const dir = folder({ 'tasks.jsonl': lines({ task_id: 'kept?' }), 'things.jsonl': lines({ id: 'ok' }, line) });
    const e = await refusal(dir);
    expect(e).toMatchObject({ code: 'invalid_seed', kind: 'usage' });
    expect(e.message).toMatch(why);
    expect(e.message).toContain(join(dir, 'things.jsonl'));
    expect(await items('tasks')).toEqual([]);
    expect(await items('things')).toEqual([]);
  });

  it('a file named after no datastore of the app names the file and the datastores it has', async () => {
    const dir = folder({ 'things.jsonl': lines({ id: 'a' }), 'people.jsonl': lines({ id: 'p' }) });
    const e = await refusal(dir);
    expect(e).toMatchObject({ code: 'unknown_datastore', kind: 'usage' });
    expect(e.message).toContain(`${join(dir, 'people.jsonl')}: app ${SEEDED_APP_ID} has no datastore "people"`);
    expect(e.hint).toContain('Its datastores: things, tasks.');
    expect(await items('things')).toEqual([]);
  });

  it('refuses a folder with no .jsonl file (likely the wrong one), and one that is not there', async () => {
    const empty = folder({ 'notes.txt': 'hi' });
    expect(await refusal(empty)).toMatchObject({ code: 'invalid_seed', message: expect.stringContaining('it holds no .jsonl file') });
    expect(await refusal(join(empty, 'missing'))).toMatchObject({ code: 'invalid_seed', message: expect.stringContaining('there is no such folder') });
  });
});
