import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../../../test/helpers/test-context.js';
import { server } from '../../../test/msw/server.js';
import { API, calls, slackMethod } from '../../../test/msw/slack.js';

const CI = ['--token', 'xoxb-test', '--app', 'A0APP00001', '--apihost', API];
const items = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: String(from + i), title: `task ${from + i}` }));

/** Serves pages keyed by cursor ('' is the first); each page is [items, next cursor?]. */
function pages(map: Record<string, [object[], string?]>) {
  return slackMethod('apps.datastore.query', (p) => {
    const page = map[(p.cursor as string | undefined) ?? ''];
    if (!page) throw new Error(`unexpected cursor ${String(p.cursor)}`);
    const [list, next] = page;
    return { datastore: 'tasks', items: list, ...(next ? { response_metadata: { next_cursor: next } } : {}) };
  });
}

const sent = () => calls('apps.datastore.query').map((c) => ({ limit: c.params.limit, cursor: c.params.cursor }));

describe('rosi datastore query', () => {
  it('--where compiles into expression, attributes and values on the wire', async () => {
    server.use(pages({ '': [items(1, 2)] }));
    const r = await runCliInProcess(['datastore', 'query', '--datastore', 'tasks', '--where', 'status = "open" and not exists(owner)', '--json', ...CI]);
    expect(r.code, r.stderr).toBe(0);
    expect(calls('apps.datastore.query')[0]!.params).toEqual({
      datastore: 'tasks',
      app_id: 'A0APP00001',
      limit: 100,
      expression: '#status = :v0 AND attribute_not_exists(#owner)',
      expression_attributes: { '#status': 'status', '#owner': 'owner' },
      expression_values: { ':v0': 'open' },
    });
    expect(JSON.parse(r.stdout)).toEqual({ datastore: 'tasks', items: items(1, 2) });
  });

  it('the official expression goes out as given; its limit is the page size', async () => {
    server.use(pages({ c9: [items(1, 1)] }));
    const expr = {
      datastore: 'tasks',
      expression: '#s = :s',
      expression_attributes: { '#s': 'status' },
      expression_values: { ':s': 'In Progress' },
      limit: 8,
      cursor: 'c9',
    };
    const r = await runCliInProcess(['datastore', 'query', JSON.stringify(expr), '--output', 'json', ...CI]);
    expect(r.code, r.stderr).toBe(0);
    const { datastore: _d, ...wire } = expr;
    expect(calls('apps.datastore.query')[0]!.params).toEqual({ datastore: 'tasks', app_id: 'A0APP00001', ...wire });
  });

  it('follows cursors through short and empty pages to the end', async () => {
    server.use(pages({ '': [items(1, 1), 'c1'], c1: [[], 'c2'], c2: [items(2, 2)] }));
    const r = await runCliInProcess(['datastore', 'query', '--datastore', 'tasks', '--json', ...CI]);
    expect(r.code).toBe(0);
    expect(sent()).toEqual([
      { limit: 100, cursor: undefined },
      { limit: 99, cursor: 'c1' },
      { limit: 99, cursor: 'c2' },
    ]);
    expect(JSON.parse(r.stdout)).toEqual({ datastore: 'tasks', items: items(1, 3) });
    expect(r.stderr).toBe('');
  });

  it('by default stops at 100 items and says which cursor continues', async () => {
    server.use(pages({ '': [items(1, 60), 'c1'], c1: [items(61, 40), 'c2'] }));
    const r = await runCliInProcess(['datastore', 'query', '--datastore', 'tasks', '--json', ...CI]);
    expect(r.code).toBe(0);
    expect(sent()).toEqual([
      { limit: 100, cursor: undefined },
      { limit: 40, cursor: 'c1' },
    ]);
    const out = JSON.parse(r.stdout) as { items: unknown[]; next_cursor: string };
    expect(out.items).toHaveLength(100);
    expect(out.next_cursor).toBe('c2');
    expect(r.stderr).toBe('More items may match. Continue with --cursor c2, or fetch them all with --all.\n');
  });

  it('--limit stops after n matches; --cursor starts later', async () => {
    server.use(pages({ c5: [items(1, 2), 'c6'], c6: [items(3, 1), 'c7'] }));
    const r = await runCliInProcess(['datastore', 'query', '--datastore', 'tasks', '--limit', '3', '--cursor', 'c5', '--json', ...CI]);
    expect(sent()).toEqual([
      { limit: 3, cursor: 'c5' },
      { limit: 1, cursor: 'c6' },
    ]);
    expect((JSON.parse(r.stdout) as { items: unknown[] }).items).toHaveLength(3);
    expect(r.stderr).toContain('--cursor c7');
  });

  it('--all --jsonl streams every item of every page, one per line', async () => {
    server.use(pages({ '': [items(1, 100), 'c1'], c1: [[], 'c2'], c2: [items(101, 50), 'c3'], c3: [items(151, 1)] }));
    const r = await runCliInProcess(['datastore', 'query', '--datastore', 'tasks', '--all', '--jsonl', ...CI]);
    expect(r.code).toBe(0);
    expect(sent().map((s) => s.limit)).toEqual([100, 100, 100, 100]);
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string });
    expect(lines.map((l) => l.id)).toEqual(items(1, 151).map((i) => i.id));
    expect(r.stderr).toBe('');
  });

  it('text off a terminal: a header row and tab-separated values', async () => {
    server.use(
      pages({
        '': [
          [
            { id: '1', title: 'a\tb', tags: ['x'] },
            { id: '2', done: true },
          ],
        ],
      }),
    );
    const r = await runCliInProcess(['datastore', 'query', '--datastore', 'tasks', ...CI]);
    expect(r.stdout).toBe('id\ttitle\ttags\tdone\n1\ta\\tb\t["x"]\t\n2\t\t\ttrue\n');
    expect(r.stderr).toBe('2 items from datastore tasks\n');
  });

  it('text on a terminal: an aligned table cut to the width', async () => {
    server.use(pages({ '': [[{ id: '1', title: 'x'.repeat(200) }]] }));
    const r = await runCliInProcess(['datastore', 'query', '--datastore', 'tasks', ...CI], { tty: true });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id {2}title/);
    expect(lines[1]).toMatch(/^1 {3}x+…$/);
    expect(lines[1]!.length).toBe(100);
  });

  it('no matches: nothing on stdout, exit 0; --json gives an empty list', async () => {
    server.use(pages({ '': [[]] }));
    const text = await runCliInProcess(['datastore', 'query', '--datastore', 'tasks', ...CI]);
    expect(text).toMatchObject({ code: 0, stdout: '', stderr: '0 items from datastore tasks\n' });
    const json = await runCliInProcess(['datastore', 'query', '--datastore', 'tasks', '--json', ...CI]);
    expect(JSON.parse(json.stdout)).toEqual({ datastore: 'tasks', items: [] });
  });

  it.each([
    { name: '--all with --limit', argv: ['--all', '--limit', '5'], msg: '--all and --limit cannot be used together' },
    { name: '--jsonl with --json', argv: ['--jsonl', '--json'], msg: '--jsonl and --json' },
    { name: '--where with an expression filter', argv: ['{"expression": "#a = :a"}', '--where', 'a = 1'], msg: '--where cannot be combined' },
    { name: 'a bad --where', argv: ['--where', 'status = '], msg: 'Invalid --where at column 10' },
    { name: 'a bad --limit', argv: ['--limit', 'ten'], msg: 'Invalid --limit: "ten" is not a positive whole number' },
    { name: 'a different cursor twice', argv: ['{"cursor": "a"}', '--cursor', 'b'], msg: '--cursor does not match' },
    { name: 'a limit of 0 in the expression', argv: ['{"limit": 0}'], msg: '"limit" must be a positive whole number' },
  ])('usage: $name → exit 2, no request', async ({ argv, msg }) => {
    const r = await runCliInProcess(['datastore', 'query', '--datastore', 'tasks', ...argv, ...CI]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(msg);
    expect(calls()).toHaveLength(0);
  });
});

describe('rosi datastore count', () => {
  it('prints the number; --where goes on the wire', async () => {
    server.use(slackMethod('apps.datastore.count', () => ({ datastore: 'tasks', count: 42 })));
    const r = await runCliInProcess(['datastore', 'count', '--datastore', 'tasks', '--where', 'priority between 1 and 3', ...CI]);
    expect(r).toMatchObject({ code: 0, stdout: '42\n', stderr: '' });
    expect(calls('apps.datastore.count')[0]!.params).toEqual({
      datastore: 'tasks',
      app_id: 'A0APP00001',
      expression: '#priority BETWEEN :v0 AND :v1',
      expression_attributes: { '#priority': 'priority' },
      expression_values: { ':v0': 1, ':v1': 3 },
    });
  });

  it('with no filter sends none; --json prints {datastore, count}', async () => {
    server.use(slackMethod('apps.datastore.count', () => ({ count: 7 })));
    const r = await runCliInProcess(['datastore', 'count', '--datastore', 'tasks', '--json', ...CI]);
    expect(calls('apps.datastore.count')[0]!.params).toEqual({ datastore: 'tasks', app_id: 'A0APP00001' });
    expect(JSON.parse(r.stdout)).toEqual({ datastore: 'tasks', count: 7 });
  });

  it('without a datastore: exit 2, no request', async () => {
    const r = await runCliInProcess(['datastore', 'count', ...CI]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('(datastore_not_found)');
    expect(calls()).toHaveLength(0);
  });
});
