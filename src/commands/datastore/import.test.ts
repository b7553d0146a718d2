import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { credential, writeCredentials } from '../../../test/helpers/credentials.js';
import { createTestContext, runCliInProcess } from '../../../test/helpers/test-context.js';
import { server } from '../../../test/msw/server.js';
import { API, calls, slackMethod } from '../../../test/msw/slack.js';

const CI = ['--token', 'xoxb-test', '--app', 'A0APP00001', '--apihost', API];
const items = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: String(from + i), title: `task ${from + i}` }));
const jsonl = (list: object[]) => list.map((i) => `${JSON.stringify(i)}\n`).join('');

interface Behaviour {
  /** Keys returned in failed_items this many times before they are stored. */
  flaky?: Record<string, number>;
  /** Keys the server rejects, with a datastore_error detail pointing at them. */
  invalid?: string[];
  /** Calls after which every call fails. */
  breakAfter?: number;
}

function store(b: Behaviour = {}) {
  const stored = new Map<string, unknown>();
  const flaky = { ...b.flaky };
  let n = 0;
  server.use(
    slackMethod('apps.datastore.bulkPut', (p) => {
      const list = p.items as { id: string }[];
      if (b.breakAfter !== undefined && ++n > b.breakAfter) return HttpResponse.json({ ok: false, error: 'internal_error' });
      const errors = list.flatMap((item, i) =>
        b.invalid?.includes(item.id) ? [{ code: 'invalid_attribute', message: 'title is too long', pointer: `/items/${i}`, item }] : [],
      );
      if (errors.length) return HttpResponse.json({ ok: false, error: 'datastore_error', errors });
      const failed = list.filter((item) => (flaky[item.id] ?? 0) > 0);
      for (const item of list) {
        if ((flaky[item.id] ?? 0) > 0) flaky[item.id]!--;
        else stored.set(item.id, item);
      }
      if (failed.length) return HttpResponse.json({ ok: false, error: 'partial_failure', datastore: 'tasks', failed_items: failed });
      return { datastore: 'tasks' };
    }),
  );
  return stored;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rosi-import-'));
});
const input = (text: string) => {
  const file = join(dir, 'tasks.jsonl');
  writeFileSync(file, text);
  return file;
};
const failures = (path: string) =>
  readFileSync(path, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as { line: number; reason: string; item: unknown });

describe('rosi datastore import', () => {
  it('stores every line in calls of 25, with no cap', async () => {
    const stored = store();
    const file = input(jsonl(items(1, 1234)));
    const r = await runCliInProcess(['datastore', 'import', 'tasks', file, '--primary-key', 'id', ...CI]);
    expect(r.code, r.stderr).toBe(0);
    expect(stored.size).toBe(1234);
    expect(calls('apps.datastore.bulkPut')).toHaveLength(50);
    expect(calls('apps.datastore.bulkPut').every((c) => (c.params.items as unknown[]).length <= 25)).toBe(true);
    expect(r.stderr).toContain('Imported into datastore tasks: stored 1234, failed 0, skipped 0 blank');
    expect(r.stderr).toMatch(/^Importing into tasks: 25%, \d+ items\n/m);
    expect(r.stderr).not.toMatch(/Importing into tasks: 1000 items/);
    expect(existsSync(`${file}.checkpoint`)).toBe(false);
    expect(existsSync(`${file}.failed.jsonl`)).toBe(false);
  });

  it('bad lines go to <input>.failed.jsonl with their reasons; blank lines are skipped; exit 1', async () => {
    const stored = store({ invalid: ['3'] });
    const file = input(['{"id":"1"}', '', 'not json', '[1]', '{"title":"no key"}', '{"id":"3"}', '   ', '{"id":"2"}', ''].join('\n'));
    const r = await runCliInProcess(['datastore', 'import', 'tasks', file, '--primary-key', 'id', '--json', ...CI]);
    expect(r.code).toBe(1);
    expect([...stored.keys()].sort()).toEqual(['1', '2']);
    expect(failures(`${file}.failed.jsonl`)).toEqual([
      { line: 3, reason: 'not valid JSON', item: 'not json' },
      { line: 4, reason: 'not a JSON object', item: '[1]' },
      { line: 5, reason: 'no primary key "id" (a non-empty string)', item: { title: 'no key' } },
      { line: 6, reason: 'invalid_attribute: title is too long', item: { id: '3' } },
    ]);
    expect(JSON.parse(r.stdout)).toEqual({ datastore: 'tasks', stored: 2, failed: 4, skipped: 2, failures_file: `${file}.failed.jsonl` });
    expect(r.stderr).toContain('stored 2, failed 4, skipped 2 blank');
  });

  it('failed_items are resent with backoff, then reported', async () => {
    const stored = store({ flaky: { '2': 1, '5': 99 } });
    const file = input(jsonl(items(1, 10)));
    const r = await runCliInProcess(['datastore', 'import', 'tasks', file, '--primary-key', 'id', ...CI]);
    expect(r.code).toBe(1);
    expect(stored.size).toBe(9);
    expect(calls('apps.datastore.bulkPut').map((c) => (c.params.items as unknown[]).length)).toEqual([10, 2, 1, 1]);
    expect(failures(`${file}.failed.jsonl`)).toEqual([{ line: 5, reason: 'not stored after 4 attempts (failed_items)', item: items(5, 1)[0] }]);
  });

  it('--failures names the file; from stdin the default is datastore-import-<time>.failed.jsonl here', async () => {
    store();
    const own = join(dir, 'bad.jsonl');
    const a = await runCliInProcess(['datastore', 'import', 'tasks', input('oops\n'), '--primary-key', 'id', '--failures', own, ...CI]);
    expect(a.code).toBe(1);
    expect(failures(own)).toEqual([{ line: 1, reason: 'not valid JSON', item: 'oops' }]);
    const b = await runCliInProcess(['datastore', 'import', 'tasks', '-', '--primary-key', 'id', ...CI], { stdin: '{"id":"1"}\nnope\n', cwd: dir });
    expect(b.code).toBe(1);
    const path = join(dir, 'datastore-import-2026-11-28T12-00-00-000Z.failed.jsonl');
    expect(b.stderr).toContain(path);
    expect(failures(path)).toEqual([{ line: 2, reason: 'not valid JSON', item: 'nope' }]);
  });

  it('reads the primary key from the app manifest, and asks for --primary-key when it cannot', async () => {
    const stored = store();
    server.use(
      slackMethod('apps.manifest.export', () => ({ manifest: { datastores: { tasks: { primary_key: 'id', attributes: { id: { type: 'string' } } } } } })),
    );
    const file = input(jsonl(items(1, 3)));
    const ok = await runCliInProcess(['datastore', 'import', 'tasks', file, ...CI]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(stored.size).toBe(3);
    const none = await runCliInProcess(['datastore', 'import', 'other', file, ...CI]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--primary-key');
  });

  it('reads stdin as it arrives: the first calls go out before the input ends', async () => {
    const stored = store();
    let firstCall: () => void = () => {};
    const called = new Promise<void>((resolve) => (firstCall = resolve));
    server.use(
      slackMethod('apps.datastore.bulkPut', (p) => {
        firstCall();
        for (const item of p.items as { id: string }[]) stored.set(item.id, item);
        return { datastore: 'tasks' };
      }),
    );
    const bytes = Buffer.from(jsonl(items(1, 200)).replace('task 7', 'tâsk 7'));
    const cut = bytes.indexOf('â') + 1;
    async function* stdin() {
      // Chunk edges fall inside a line and inside a two-byte character.
      yield bytes.subarray(0, cut);
      yield bytes.subarray(cut, 4000);
      // The rest only after the first call: an import that read stdin whole would wait here forever.
      await called;
      yield bytes.subarray(4000);
    }
    const r = await runCliInProcess(['datastore', 'import', 'tasks', '-', '--primary-key', 'id', ...CI], { stdinChunks: stdin(), cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(stored.size).toBe(200);
    expect(stored.get('7')).toEqual({ id: '7', title: 'tâsk 7' });
  });

  it('takes the primary key from the project’s manifest.json: no apps.manifest.export call', async () => {
    const h = createTestContext();
    writeCredentials(h.home, { T0TEAM0001: credential({ team_id: 'T0TEAM0001', api_host: API }) });
    const project = join(h.home, 'app');
    mkdirSync(join(project, '.slack'), { recursive: true });
    writeFileSync(join(project, '.slack', 'hooks.json'), '{"hooks": {}}');
    writeFileSync(
      join(project, '.slack', 'apps.json'),
      JSON.stringify({ apps: { T0TEAM0001: { app_id: 'A0PROJ0001', team_id: 'T0TEAM0001', team_domain: 'team' } } }),
    );
    writeFileSync(
      join(project, 'manifest.json'),
      JSON.stringify({ datastores: { tasks: { primary_key: 'task_id', attributes: { task_id: { type: 'string' } } } } }),
    );
    const stored = new Map<string, unknown>();
    server.use(
      slackMethod('apps.manifest.export', () => ({ manifest: { datastores: { tasks: { primary_key: 'id' } } } })),
      slackMethod('apps.datastore.bulkPut', (p) => {
        for (const item of p.items as { task_id: string }[]) stored.set(item.task_id, item);
        return { datastore: 'tasks' };
      }),
    );
    const file = join(project, 'tasks.jsonl');
    writeFileSync(file, jsonl([{ task_id: 'a' }, { task_id: 'b' }, { id: 'c' }]));
    const r = await runCliInProcess(['datastore', 'import', 'tasks', file], { home: h.home, cwd: project });
    expect(r.code).toBe(1);
    expect([...stored.keys()]).toEqual(['a', 'b']);
    expect(failures(`${file}.failed.jsonl`)).toEqual([{ line: 3, reason: 'no primary key "task_id" (a non-empty string)', item: { id: 'c' } }]);
    expect(calls().map((c) => c.method)).toEqual(['apps.datastore.bulkPut']);
    expect(calls('apps.datastore.bulkPut')[0]!.params.app_id).toBe('A0PROJ0001');
    h.cleanup();
  });

  it('after an interruption --resume stores every item once, from the checkpoint on', async () => {
    let stored = store({ breakAfter: 6 });
    const file = input(jsonl(items(1, 500)));
    const first = await runCliInProcess(['datastore', 'import', 'tasks', file, '--primary-key', 'id', ...CI]);
    expect(first.code).toBe(1);
    const cp = JSON.parse(readFileSync(`${file}.checkpoint`, 'utf8')) as { line: number; stored: number };
    expect(cp.line % 25).toBe(0);
    expect(cp.line).toBeGreaterThan(0);
    expect(cp.stored).toBe(cp.line);
    const before = new Map(stored);
    stored = store();
    for (const [k, v] of before) stored.set(k, v);
    const second = await runCliInProcess(['datastore', 'import', 'tasks', file, '--primary-key', 'id', '--resume', ...CI]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain(`Resuming after line ${cp.line}`);
    expect(second.stderr).toContain('stored 500, failed 0');
    expect(stored.size).toBe(500);
    const resent = calls('apps.datastore.bulkPut')
      .slice(-Math.ceil((500 - cp.line) / 25))
      .flatMap((c) => (c.params.items as { id: string }[]).map((i) => Number(i.id)));
    expect(Math.min(...resent)).toBe(cp.line + 1);
    expect(existsSync(`${file}.checkpoint`)).toBe(false);
  });

  it('--resume refuses a checkpoint whose file changed in the part already imported; an appended file resumes', async () => {
    store({ breakAfter: 4 });
    const file = input(jsonl(items(1, 300)));
    expect((await runCliInProcess(['datastore', 'import', 'tasks', file, '--primary-key', 'id', ...CI])).code).toBe(1);
    const cp = JSON.parse(readFileSync(`${file}.checkpoint`, 'utf8')) as {
      line: number;
      offset: number;
      sha256: string;
      datastore: string;
      app_id: string;
      primary_key: string;
    };
    expect(cp).toMatchObject({ line: 100, offset: Buffer.byteLength(jsonl(items(1, 100))), datastore: 'tasks', app_id: 'A0APP00001', primary_key: 'id' });
    expect(cp.sha256).toBe(createHash('sha256').update(readFileSync(file).subarray(0, cp.offset)).digest('hex'));

    writeFileSync(file, jsonl(items(1, 300)).replace('task 7"', 'task 8"'));
    const sent = calls('apps.datastore.bulkPut').length;
    const changed = await runCliInProcess(['datastore', 'import', 'tasks', file, '--primary-key', 'id', '--resume', ...CI]);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toContain(
      `${file} has changed since the checkpoint was written: its first ${cp.offset} bytes (lines 1–100) are not the ones already imported (checkpoint_mismatch)`,
    );
    expect(changed.stderr).toContain(`Hint: Start over with \`rosi datastore import tasks ${file} --primary-key id --apihost ${API} --app A0APP00001\`.\n`);
    expect(calls('apps.datastore.bulkPut')).toHaveLength(sent);

    const stored = store();
    writeFileSync(file, jsonl(items(1, 320)));
    const appended = await runCliInProcess(['datastore', 'import', 'tasks', file, '--primary-key', 'id', '--resume', ...CI]);
    expect(appended.code, appended.stderr).toBe(0);
    expect(appended.stderr).toContain('stored 320, failed 0');
    expect([...stored.keys()].map(Number).sort((a, b) => a - b)[0]).toBe(101);
  });

  it('--resume refuses a checkpoint of an import into another datastore or with another primary key', async () => {
    store({ breakAfter: 1 });
    const file = input(jsonl(items(1, 100)));
    await runCliInProcess(['datastore', 'import', 'tasks', file, '--primary-key', 'id', ...CI]);
    const r = await runCliInProcess(['datastore', 'import', 'other', file, '--primary-key', 'title', '--resume', ...CI]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${file}.checkpoint belongs to an import into datastore tasks of app A0APP00001 with primary key "id", not into datastore other of app A0APP00001 with primary key "title"`,
    );
    expect(r.stderr).toContain(
      `Hint: Resume that one with \`rosi datastore import tasks ${file} --primary-key id --resume --apihost ${API} --app A0APP00001\`, or start over with \`rosi datastore import other ${file} --primary-key title --apihost ${API} --app A0APP00001\`.\n`,
    );
    writeFileSync(`${file}.checkpoint`, JSON.stringify({ line: 25, stored: 25, failed: 0, skipped: 0, failures_bytes: 0 }));
    const old = await runCliInProcess(['datastore', 'import', 'tasks', file, '--primary-key', 'id', '--resume', ...CI]);
    expect(old.code).toBe(2);
    expect(old.stderr).toContain(`${file}.checkpoint is not an import checkpoint this rosi can resume from`);
  });

  it('--resume with no checkpoint says it starts from the beginning', async () => {
    const stored = store();
    const file = input(jsonl(items(1, 30)));
    const r = await runCliInProcess(['datastore', 'import', 'tasks', file, '--primary-key', 'id', '--resume', ...CI]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`No checkpoint at ${file}.checkpoint: starting from the beginning`);
    expect(stored.size).toBe(30);
  });

  it('a folder or a missing file is a usage error before any call', async () => {
    for (const [path, why] of [
      [dir, 'it is a folder'],
      [join(dir, 'nope.jsonl'), 'no such file'],
    ] as const) {
      const r = await runCliInProcess(['datastore', 'import', 'tasks', path, '--primary-key', 'id', ...CI]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`Cannot read ${path}: ${why}`);
    }
    expect(calls()).toHaveLength(0);
  });

  it('--resume with stdin is a usage error', async () => {
    const r = await runCliInProcess(['datastore', 'import', 'tasks', '-', '--resume', '--primary-key', 'id', ...CI]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--resume needs a file');
  });
});
