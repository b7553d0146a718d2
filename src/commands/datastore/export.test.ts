import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../../../test/helpers/test-context.js';
import { server } from '../../../test/msw/server.js';
import { API, calls, slackMethod } from '../../../test/msw/slack.js';

const CI = ['--token', 'xoxb-test', '--app', 'A0APP00001', '--apihost', API];
const items = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: String(from + i), title: `task ${from + i}` }));
const jsonl = (list: object[]) => list.map((i) => `${JSON.stringify(i)}\n`).join('');

/** Four pages keyed by cursor; `failAt` answers that cursor with an error once. */
function pages(failAt?: string) {
  const map: Record<string, [object[], string?]> = { '': [items(1, 100), 'c1'], c1: [[], 'c2'], c2: [items(101, 100), 'c3'], c3: [items(201, 7)] };
  let failed = false;
  return slackMethod('apps.datastore.query', (p) => {
    const cursor = (p.cursor as string | undefined) ?? '';
    if (cursor === failAt && !failed) {
      failed = true;
      return HttpResponse.json({ ok: false, error: 'internal_error' });
    }
    const [list, next] = map[cursor]!;
    return { datastore: 'tasks', items: list, ...(next ? { response_metadata: { next_cursor: next } } : {}) };
  });
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rosi-export-'));
});

describe('rosi datastore export', () => {
  it('writes every item of every page to stdout, one per line, with no cap', async () => {
    server.use(pages());
    const r = await runCliInProcess(['datastore', 'export', 'tasks', ...CI]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(jsonl(items(1, 207)));
    expect(calls('apps.datastore.query').map((c) => c.params.cursor)).toEqual([undefined, 'c1', 'c2', 'c3']);
    expect(r.stderr).toContain('Exporting tasks: 207 items in all');
  });

  it('--where goes out as the compiled filter', async () => {
    server.use(pages());
    await runCliInProcess(['datastore', 'export', 'tasks', '--where', 'status = "open"', ...CI]);
    expect(calls('apps.datastore.query')[0]!.params).toMatchObject({ expression: '#status = :v0', expression_values: { ':v0': 'open' } });
  });

  it('-o writes the file and removes its checkpoint on success', async () => {
    server.use(pages());
    const file = join(dir, 'tasks.jsonl');
    const r = await runCliInProcess(['datastore', 'export', 'tasks', '-o', file, ...CI]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(jsonl(items(1, 207)));
    expect(existsSync(`${file}.checkpoint`)).toBe(false);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`Exported 207 items from datastore tasks to ${file}`);
  });

  it('a failure on page 3 leaves a checkpoint; --resume finishes without duplicating a line', async () => {
    server.use(pages('c2'));
    const file = join(dir, 'tasks.jsonl');
    const first = await runCliInProcess(['datastore', 'export', 'tasks', '-o', file, ...CI]);
    expect(first.code).not.toBe(0);
    expect(JSON.parse(readFileSync(`${file}.checkpoint`, 'utf8'))).toEqual({
      cursor: 'c2',
      lines: 100,
      bytes: Buffer.byteLength(jsonl(items(1, 100))),
      sha256: createHash('sha256')
        .update(jsonl(items(1, 100)))
        .digest('hex'),
      query: { app_id: 'A0APP00001', datastore: 'tasks' },
      file: { dev: String(statSync(file).dev), ino: String(statSync(file).ino) },
    });
    // A page half written when the process died: resume must cut it off.
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"id":"101","ti`);
    const second = await runCliInProcess(['datastore', 'export', 'tasks', '-o', file, '--resume', ...CI]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain('Resuming after 100 items');
    expect(readFileSync(file, 'utf8')).toBe(jsonl(items(1, 207)));
    expect(existsSync(`${file}.checkpoint`)).toBe(false);
    expect(
      calls('apps.datastore.query')
        .slice(-2)
        .map((c) => c.params.cursor),
    ).toEqual(['c2', 'c3']);
  });

  it('--resume without a checkpoint starts from the beginning', async () => {
    server.use(pages());
    const file = join(dir, 'tasks.jsonl');
    writeFileSync(file, 'stale\n');
    const r = await runCliInProcess(['datastore', 'export', 'tasks', '-o', file, '--resume', ...CI]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(jsonl(items(1, 207)));
  });

  it('--json prints a summary when writing a file', async () => {
    server.use(pages());
    const file = join(dir, 'tasks.jsonl');
    const r = await runCliInProcess(['datastore', 'export', 'tasks', '-o', file, '--json', ...CI]);
    expect(JSON.parse(r.stdout)).toEqual({ datastore: 'tasks', items: 207, file });
  });

  it('--resume with stdout is a usage error', async () => {
    const r = await runCliInProcess(['datastore', 'export', 'tasks', '--resume', ...CI]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--resume needs --output-file');
    expect(calls()).toHaveLength(0);
  });

  it('a checkpoint that is not one is a usage error', async () => {
    const file = join(dir, 'tasks.jsonl');
    writeFileSync(`${file}.checkpoint`, '{"cursor": 3}');
    const r = await runCliInProcess(['datastore', 'export', 'tasks', '-o', file, '--resume', ...CI]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not an export checkpoint');
    // The way out runs as printed, with the host and app of this run, and no token.
    expect(r.stderr).toContain(`Hint: Start over with \`rosi datastore export tasks -o ${file} --apihost ${API} --app A0APP00001\` (it rewrites ${file}).`);
  });

  it('a checkpoint from an older rosi (no record of file or query) is refused, not trusted', async () => {
    const file = join(dir, 'tasks.jsonl');
    writeFileSync(file, jsonl(items(1, 100)));
    writeFileSync(`${file}.checkpoint`, JSON.stringify({ cursor: 'c2', lines: 100, bytes: Buffer.byteLength(jsonl(items(1, 100))) }));
    const r = await runCliInProcess(['datastore', 'export', 'tasks', '-o', file, '--resume', ...CI]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('or one from an older rosi that recorded too little to check');
    expect(calls('apps.datastore.query')).toHaveLength(0);
  });
});
