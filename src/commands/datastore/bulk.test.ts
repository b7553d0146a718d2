import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestContext, runCliInProcess, type TestHarness } from '../../../test/helpers/test-context.js';
import { server } from '../../../test/msw/server.js';
import { API, calls, slackError, slackMethod } from '../../../test/msw/slack.js';

const CI = ['--token', 'xoxb-test', '--app', 'A0APP00001', '--apihost', API];
const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: String(i + 1), title: `task ${i + 1}` }));
const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));
const partial = (failed: unknown[]) => Response.json({ ok: false, error: 'partial_failure', failed_items: failed });

let pre: TestHarness | undefined;
afterEach(() => pre?.cleanup());

describe('rosi datastore bulk-put', () => {
  it('--items: one call, status on stderr', async () => {
    server.use(slackMethod('apps.datastore.bulkPut', () => ({ datastore: 'tasks' })));
    const r = await runCliInProcess(['datastore', 'bulk-put', '--datastore', 'tasks', '--items', JSON.stringify(items(2)), ...CI]);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '✓ Stored 2 items in datastore tasks\n' });
    expect(calls('apps.datastore.bulkPut')[0]!.params).toEqual({ datastore: 'tasks', app_id: 'A0APP00001', items: items(2) });
  });

  it('more than 25 items go in chunks of 25', async () => {
    server.use(slackMethod('apps.datastore.bulkPut', () => ({ datastore: 'tasks' })));
    const r = await runCliInProcess(['datastore', 'bulk-put', JSON.stringify({ datastore: 'tasks', items: items(60) }), ...CI]);
    expect(r.code, r.stderr).toBe(0);
    expect(calls('apps.datastore.bulkPut').map((c) => (c.params.items as unknown[]).length)).toEqual([25, 25, 10]);
    expect(calls('apps.datastore.bulkPut').flatMap((c) => c.params.items as unknown[])).toEqual(items(60));
    expect(r.stderr).toContain('✓ Stored 60 items in datastore tasks (3 calls)');
  });

  it('--from-file reads JSON Lines (blank lines skipped)', async () => {
    pre = createTestContext();
    const file = join(pre.home, 'tasks.jsonl');
    writeFileSync(
      file,
      `${items(3)
        .map((i) => JSON.stringify(i))
        .join('\n\n')}\n`,
    );
    server.use(slackMethod('apps.datastore.bulkPut', () => ({})));
    const r = await runCliInProcess(['datastore', 'bulk-put', '--datastore', 'tasks', '--from-file', file, ...CI]);
    expect(r.code, r.stderr).toBe(0);
    expect(calls('apps.datastore.bulkPut')[0]!.params.items).toEqual(items(3));
  });

  it('--from-file - reads stdin', async () => {
    server.use(slackMethod('apps.datastore.bulkPut', () => ({})));
    const r = await runCliInProcess(['datastore', 'bulk-put', '--datastore', 'tasks', '--from-file', '-', ...CI], { stdin: '{"id":"1"}\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(calls('apps.datastore.bulkPut')[0]!.params.items).toEqual([{ id: '1' }]);
  });

  it('a partial failure prints the failed items on stdout, keeps going, and exits 1', async () => {
    let n = 0;
    server.use(slackMethod('apps.datastore.bulkPut', (p) => (n++ === 0 ? partial([(p.items as object[])[3]]) : { datastore: 'tasks' })));
    const r = await runCliInProcess(['datastore', 'bulk-put', '--datastore', 'tasks', '--items', JSON.stringify(items(30)), ...CI]);
    expect(r.code).toBe(1);
    expect(calls('apps.datastore.bulkPut')).toHaveLength(2);
    expect(
      r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([items(30)[3]]);
    expect(r.stderr).toContain('1 of 30 items were not stored in datastore tasks (partial_failure)');
    expect(r.stderr).toContain('  - {"id":"4","title":"task 4"}');
  });

  it('--json on a partial failure: {datastore, failed_items} on stdout, exit 1', async () => {
    server.use(slackMethod('apps.datastore.bulkPut', (p) => partial(p.items as object[])));
    const r = await runCliInProcess(['datastore', 'bulk-put', '--datastore', 'tasks', '--items', JSON.stringify(items(2)), '--json', ...CI]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ datastore: 'tasks', failed_items: items(2) });
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: 'partial_failure' } });
  });

  it('an error that is not a partial failure stops and exits 1', async () => {
    server.use(slackError('apps.datastore.bulkPut', 'datastore_error'));
    const r = await runCliInProcess(['datastore', 'bulk-put', '--datastore', 'tasks', '--items', JSON.stringify(items(30)), ...CI]);
    expect(r.code).toBe(1);
    expect(calls('apps.datastore.bulkPut')).toHaveLength(1);
    expect(r.stderr).toContain('(datastore_error from apps.datastore.bulkPut)');
  });

  it.each([
    {
      name: 'a bad line in --from-file names the line',
      file: '{"id":"1"}\n{"id": 2,}\n',
      msg: 'Line 2 of stdin is not valid JSON: expected a property name in double quotes at column 10',
    },
    { name: 'a line that is not an object', file: '[1]\n', msg: 'Line 1 of stdin is not a JSON object' },
  ])('usage: $name → exit 2, no request', async ({ file, msg }) => {
    const r = await runCliInProcess(['datastore', 'bulk-put', '--datastore', 'tasks', '--from-file', '-', ...CI], { stdin: file });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(msg);
    expect(calls()).toHaveLength(0);
  });

  it.each([
    { name: '--items and --from-file', argv: ['--items', '[]', '--from-file', 'x'], msg: '--items and --from-file cannot be used together' },
    { name: '--items that is not an array of objects', argv: ['--items', '[1]'], msg: '--items must be a JSON array of objects' },
    { name: 'no items at all', argv: [], msg: 'Nothing to send: "items" is missing. Try passing --items' },
  ])('usage: $name → exit 2, no request', async ({ argv, msg }) => {
    const r = await runCliInProcess(['datastore', 'bulk-put', '--datastore', 'tasks', ...argv, ...CI]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(msg);
    expect(calls()).toHaveLength(0);
  });
});

describe('rosi datastore bulk-get', () => {
  it('positional IDs in chunks of 25; items as JSON with the missing counted', async () => {
    server.use(
      slackMethod('apps.datastore.bulkGet', (p) => ({ datastore: 'tasks', items: (p.ids as string[]).filter((id) => id !== '7').map((id) => ({ id })) })),
    );
    const r = await runCliInProcess(['datastore', 'bulk-get', ...ids(30), '--datastore', 'tasks', '--json', ...CI]);
    expect(r.code, r.stderr).toBe(0);
    expect(calls('apps.datastore.bulkGet').map((c) => c.params.ids)).toEqual([ids(25), ids(30).slice(25)]);
    const out = JSON.parse(r.stdout) as { datastore: string; items: { id: string }[]; failed_items: string[] };
    expect(out.items).toHaveLength(29);
    expect(out.failed_items).toEqual([]);
  });

  it('text: tab-separated items; the count on stderr', async () => {
    server.use(slackMethod('apps.datastore.bulkGet', () => ({ datastore: 'tasks', items: [{ id: '1', title: 'a' }] })));
    const r = await runCliInProcess(['datastore', 'bulk-get', '{"datastore": "tasks", "ids": ["1", "2"]}', ...CI]);
    expect(r).toMatchObject({ code: 0, stdout: 'id\ttitle\n1\ta\n', stderr: '1 of 2 items from datastore tasks; 1 not found\n' });
    expect(calls('apps.datastore.bulkGet')[0]!.params).toEqual({ datastore: 'tasks', app_id: 'A0APP00001', ids: ['1', '2'] });
  });

  it('failed IDs: items still printed, the failed listed, exit 1', async () => {
    server.use(
      slackMethod('apps.datastore.bulkGet', () =>
        Response.json({ ok: false, error: 'partial_failure', datastore: 'tasks', items: [{ id: '1' }], failed_items: ['2'] }),
      ),
    );
    const r = await runCliInProcess(['datastore', 'bulk-get', '1', '2', '--datastore', 'tasks', '--json', ...CI]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ datastore: 'tasks', items: [{ id: '1' }], failed_items: ['2'] });
  });

  it('a JSON expression next to IDs is refused: exit 2, no request', async () => {
    const r = await runCliInProcess(['datastore', 'bulk-get', '1', '{"ids": ["2"]}', '--datastore', 'tasks', ...CI]);
    expect(r.code).toBe(2);
    expect(calls()).toHaveLength(0);
  });
});

describe('rosi datastore bulk-delete', () => {
  it('deletes in chunks; status on stderr', async () => {
    server.use(slackMethod('apps.datastore.bulkDelete', () => ({})));
    const r = await runCliInProcess(['datastore', 'bulk-delete', ...ids(26), '--datastore', 'tasks', ...CI]);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '✓ Deleted 26 items from datastore tasks (2 calls)\n' });
    expect(calls('apps.datastore.bulkDelete')[1]!.params).toEqual({ datastore: 'tasks', app_id: 'A0APP00001', ids: ['26'] });
  });

  it('failed IDs go to stdout one per line; exit 1', async () => {
    server.use(slackMethod('apps.datastore.bulkDelete', () => partial(['2', '3'])));
    const r = await runCliInProcess(['datastore', 'bulk-delete', '1', '2', '3', '--datastore', 'tasks', ...CI]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('2\n3\n');
    expect(r.stderr).toContain('2 of 3 items were not deleted from datastore tasks (partial_failure)');
  });

  it('--show prints the ids and sends nothing', async () => {
    const r = await runCliInProcess(['datastore', 'bulk-delete', '1', '2', '--datastore', 'tasks', '--show', ...CI]);
    expect(JSON.parse(r.stdout)).toEqual({ app: 'A0APP00001', datastore: 'tasks', ids: ['1', '2'] });
    expect(calls()).toHaveLength(0);
  });
});
