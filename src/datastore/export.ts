import { createHash, type Hash } from 'node:crypto';
import { isObject } from '../lib/is-object.js';
import type { Item } from './expression.js';
import { queryPages, type QueryAnswer } from './query.js';

/** Where an export stands: everything before `bytes` is whole lines, and `cursor` fetches what follows. */
export interface ExportProgress {
  cursor: string;
  lines: number;
  bytes: number;
  /** SHA-256 (hex) of those `bytes`: a file edited since the checkpoint is noticed, not resumed into. */
  sha256: string;
}

/** The request an export repeats page after page; a checkpoint of another one must not continue it. */
export interface ExportQuery {
  app_id: string;
  datastore: string;
  expression?: string;
  expression_attributes?: Record<string, string>;
  expression_values?: Record<string, unknown>;
}

/** What `<file>.checkpoint` holds: the progress, and what it belongs to. */
export interface ExportCheckpoint extends ExportProgress {
  query: ExportQuery;
  /** --where as it was typed, to repeat it in a hint; absent without one. */
  where?: string;
  /** Device and inode of the file written (decimal strings: inodes can pass 2^53): a file replaced since is noticed. */
  file: { dev: string; ino: string };
}

export interface ExportSteps {
  /** One `apps.datastore.query` call. */
  fetch: (limit: number, cursor: string | undefined) => Promise<QueryAnswer>;
  /** Writes one page's text and resolves once it is flushed, so at most one page is held at a time. */
  write: (text: string) => Promise<void>;
  /** Records progress after a page is flushed; called with undefined when the export is complete. */
  checkpoint: (c: ExportProgress | undefined) => Promise<void>;
  onPage?: (lines: number) => void;
}

export interface ExportResult {
  lines: number;
  bytes: number;
}

/**
 * Items evaluated per export request. Each request is a round trip, and a page is cut at 1 MB
 * whatever the limit, so an export asks for many: the official CLI's 100 made 1,000 round trips
 * per 100,000 items. rosi's emulator lowers anything above 1000 to 1000.
 */
export const EXPORT_PAGE_SIZE = 1000;

/** One JSON Lines chunk for a page. */
export function pageText(items: readonly Item[]): string {
  let text = '';
  for (const item of items) text += `${JSON.stringify(item)}\n`;
  return text;
}

/** Where a run starts: from nothing, or from a checkpoint with `hash` fed the bytes it counts. */
export interface ExportStart {
  cursor: string;
  lines: number;
  bytes: number;
  hash: Hash;
}

/**
 * Streams every matching item page by page, the next page already on its way while one is
 * written: Slack's time and ours overlap, and at most two pages are held. The checkpoint
 * advances only after a page is written, so a resume truncates to its byte count and
 * refetches nothing twice.
 */
export async function exportItems(steps: ExportSteps, from: ExportStart | undefined, pageSize = EXPORT_PAGE_SIZE): Promise<ExportResult> {
  const hash = from?.hash ?? createHash('sha256');
  let lines = from?.lines ?? 0;
  let bytes = from?.bytes ?? 0;
  const pages = queryPages(steps.fetch, { pageSize, max: Infinity, cursor: from?.cursor });
  try {
    for (let next = pages.next(); ; ) {
      const r = await next;
      if (r.done) break;
      const page = r.value;
      if (page.nextCursor !== undefined) {
        next = pages.next();
        // Awaited on the next turn; until then a failure must not count as unhandled.
        next.catch(() => undefined);
      }
      const text = pageText(page.items);
      if (text) await steps.write(text);
      hash.update(text);
      lines += page.items.length;
      bytes += Buffer.byteLength(text);
      steps.onPage?.(lines);
      // copy(): the running hash goes on past this page.
      await steps.checkpoint(page.nextCursor === undefined ? undefined : { cursor: page.nextCursor, lines, bytes, sha256: hash.copy().digest('hex') });
      if (page.nextCursor === undefined) break;
    }
  } finally {
    await pages.return(undefined);
  }
  return { lines, bytes };
}

/** A checkpoint file's contents, or undefined when it is not one (or one from a rosi that recorded less). */
export function parseCheckpoint(text: string): ExportCheckpoint | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(v) || !isObject(v.query) || !isObject(v.file)) return undefined;
  const { cursor, lines, bytes, sha256, query, where, file } = v;
  if (typeof cursor !== 'string' || !Number.isSafeInteger(lines) || !Number.isSafeInteger(bytes) || typeof sha256 !== 'string') return undefined;
  if (typeof query.app_id !== 'string' || typeof query.datastore !== 'string' || typeof file.dev !== 'string' || typeof file.ino !== 'string') return undefined;
  if (where !== undefined && typeof where !== 'string') return undefined;
  return v as unknown as ExportCheckpoint;
}

/** Whether two queries ask for the same items: the compiled filter decides, not how --where was spelled. */
export function sameQuery(a: ExportQuery, b: ExportQuery): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v))
    return `{${Object.keys(v)
      .sort()
      .filter((k) => v[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}
