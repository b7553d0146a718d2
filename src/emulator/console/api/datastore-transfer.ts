import type { ServerResponse } from 'node:http';
import { callAsOwner } from '../../datastore/index.js';
import { MethodError } from '../../errors.js';
import { readBody } from '../../http/index.js';
import { isObject } from '../../../lib/is-object.js';
import { checkLine, LineProblem, streamLines, type Item } from '../../../lib/item-lines.js';
import { ConsoleError } from '../reply.js';
import type { DatastoreRequest } from './datastore-request.js';
import { filterOf, rethrowAsProblem, type DatastoreTarget } from './datastore-target.js';
import { appFlags } from '../cli-flags.js';

/** Items an export asks the datastore for at a time: the query's own largest page. */
const EXPORT_PAGE = 1000;
/** The largest file the console imports in one request; `rosi datastore import` streams any size. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
/** Items per bulkPut: Slack's limit, as `rosi datastore import` sends them. */
const BULK_ITEMS = 25;
/** Failures listed in an import's answer (all are counted). */
export const MAX_LISTED_FAILURES = 1000;

/**
 * The datastore's items (or those the filter matches) as JSON Lines, the format `rosi datastore export` writes: one
 * item's JSON a line, in primary key order. Page by page through the query the API runs, each page written before
 * the next is read, so memory holds one page whatever the size. The first page is read before the headers go, so
 * a bad filter is still answered as a problem.
 */
export async function exportItems(r: DatastoreRequest, t: DatastoreTarget): Promise<void> {
  const filter = filterOf(t, r.url.searchParams.get('where'));
  const page = async (cursor: string | undefined) => {
    try {
      const a = await callAsOwner(r.deps, t.app, 'query', { datastore: t.name, ...filter, limit: EXPORT_PAGE, ...(cursor ? { cursor } : {}) });
      return { items: a.items as Item[], next: (a.response_metadata as { next_cursor?: string } | undefined)?.next_cursor };
    } catch (e) {
      rethrowAsProblem(e, 'The export stopped');
    }
  };
  let current = await page(undefined);
  r.res.writeHead(200, {
    'content-type': 'application/x-ndjson; charset=utf-8',
    'content-disposition': `attachment; filename="${fileName(`${t.app.id}-${t.name}`)}.jsonl"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  for (;;) {
    let text = '';
    for (const item of current.items) text += `${JSON.stringify(item)}\n`;
    if (text !== '' && !r.res.write(text)) await drained(r.res);
    if (r.res.destroyed || current.next === undefined) break;
    current = await page(current.next);
  }
  r.res.end();
}

/** A download name: the datastore's name may hold anything. */
const fileName = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

export interface ImportAnswer {
  datastore: string;
  /** Lines read, blank ones included. */
  lines: number;
  stored: number;
  failed: number;
  skipped: number;
  /** The lines not stored, in line order, each with why (the first MAX_LISTED_FAILURES). */
  failures: { line: number; reason: string }[];
}

/**
 * Imports a JSON Lines body (the format `rosi datastore import` reads) by its rules: a blank line is skipped, a line
 * that is not an item fails with the CLI's own reason (lib/item-lines.ts), and the items go 25 to a bulkPut, for
 * the app's owner, through the API's handler: a line it refuses fails with that handler's code and message and the
 * rest of its batch is sent again, as the CLI's import does. The same key twice stores the later line. Every
 * bulkPut leaves its `datastore_request_result` entry, as the CLI's calls do.
 */
export async function importItems(r: DatastoreRequest, t: DatastoreTarget): Promise<void> {
  const type = (r.req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-ndjson') {
    throw new ConsoleError(415, 'unsupported_media_type', 'An import takes JSON Lines: send the file as application/x-ndjson, one item a line.');
  }
  const body = await readBody(r.req, MAX_IMPORT_BYTES);
  if (!body.ok) {
    throw new ConsoleError(413, 'too_large', `The file is larger than ${MAX_IMPORT_BYTES} bytes (32 MiB), the most the console imports at once.`, {
      hint: `\`rosi datastore import ${t.name} <file> ${appFlags(r.deps, t.app)}\` imports a file of any size.`,
    });
  }
  const answer: ImportAnswer = { datastore: t.name, lines: 0, stored: 0, failed: 0, skipped: 0, failures: [] };
  const fail = (line: number, reason: string) => {
    answer.failed++;
    answer.failures.push({ line, reason });
  };
  let batch: { line: number; item: Item }[] = [];
  const keys = new Set<string>();
  const send = async () => {
    let todo = batch;
    batch = [];
    keys.clear();
    while (todo.length > 0) {
      try {
        await callAsOwner(r.deps, t.app, 'bulkPut', { datastore: t.name, items: todo.map((e) => e.item) });
        answer.stored += todo.length;
        return;
      } catch (e) {
        if (e instanceof MethodError && e.code === 'partial_failure') {
          const failed = new Set((Array.isArray(e.extra.failed_items) ? e.extra.failed_items : []).map((f) => (isObject(f) ? f[t.primaryKey] : f)));
          for (const en of todo) {
            if (failed.has(en.item[t.primaryKey])) fail(en.line, 'not stored (failed_items): import the line again');
            else answer.stored++;
          }
          return;
        }
        const rejected = rejectedItems(e, todo.length);
        if (!rejected) rethrowAsProblem(e, `The import stopped after ${answer.stored} stored items`);
        for (const [i, reason] of rejected) fail((todo[i] as { line: number }).line, reason);
        todo = todo.filter((_, i) => !rejected.has(i));
      }
    }
  };
  for await (const lines of streamLines(once(body.body))) {
    for (const { line, text } of lines) {
      answer.lines = line;
      if (text.trim() === '') {
        answer.skipped++;
        continue;
      }
      const checked = checkLine(text, t.primaryKey);
      if (checked instanceof LineProblem) {
        fail(line, checked.reason);
        continue;
      }
      const key = checked.item[t.primaryKey] as string;
      // bulkPut refuses a key twice in one call: the batch so far goes first, and the later line wins.
      if (keys.has(key) || batch.length >= BULK_ITEMS) await send();
      batch.push({ line, item: checked.item });
      keys.add(key);
    }
  }
  await send();
  answer.failures.sort((a, b) => a.line - b.line);
  answer.failures.length = Math.min(answer.failures.length, MAX_LISTED_FAILURES);
  r.res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  r.res.end(JSON.stringify(answer));
}

async function* once(chunk: Buffer): AsyncGenerator<Buffer> {
  yield chunk;
}

/**
 * The items a `datastore_error` names (`/items/3`), by index, each with `code: message` (several joined by `; `):
 * the reasons `rosi datastore import` writes to its failures file for the same refusal.
 */
function rejectedItems(e: unknown, size: number): Map<number, string> | undefined {
  if (!(e instanceof MethodError) || !Array.isArray(e.extra.errors)) return undefined;
  const out = new Map<number, string>();
  for (const d of e.extra.errors) {
    if (!isObject(d) || typeof d.pointer !== 'string') continue;
    const m = /^\/items\/(\d+)/.exec(d.pointer);
    const i = m ? Number(m[1]) : Number.NaN;
    if (!(i < size)) continue;
    const reason = [d.code, d.message].filter((x) => typeof x === 'string').join(': ');
    out.set(i, out.has(i) ? `${out.get(i)}; ${reason}` : reason || e.code);
  }
  return out.size > 0 ? out : undefined;
}
