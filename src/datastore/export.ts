import type { Item } from './expression.js';
import { queryPages, type QueryAnswer } from './query.js';

/** Where an interrupted export stands: everything before `bytes` is whole lines, and `cursor` fetches what follows. */
export interface ExportCheckpoint {
  cursor: string;
  lines: number;
  bytes: number;
}

export interface ExportSteps {
  /** One `apps.datastore.query` call. */
  fetch: (limit: number, cursor: string | undefined) => Promise<QueryAnswer>;
  /** Writes one page's text and resolves once it is flushed, so at most one page is held at a time. */
  write: (text: string) => Promise<void>;
  /** Records progress after a page is flushed; called with undefined when the export is complete. */
  checkpoint: (c: ExportCheckpoint | undefined) => Promise<void>;
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

/**
 * Streams every matching item page by page, the next page already on its way while one is
 * written: Slack's time and ours overlap, and at most two pages are held. The checkpoint
 * advances only after a page is written, so a resume truncates to its byte count and
 * refetches nothing twice.
 */
export async function exportItems(steps: ExportSteps, from: ExportCheckpoint | undefined, pageSize = EXPORT_PAGE_SIZE): Promise<ExportResult> {
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
      lines += page.items.length;
      bytes += Buffer.byteLength(text);
      steps.onPage?.(lines);
      await steps.checkpoint(page.nextCursor === undefined ? undefined : { cursor: page.nextCursor, lines, bytes });
      if (page.nextCursor === undefined) break;
    }
  } finally {
    await pages.return(undefined);
  }
  return { lines, bytes };
}

/** A checkpoint file's contents, or undefined when it is not one. */
export function parseCheckpoint(text: string): ExportCheckpoint | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  const c = v as Partial<ExportCheckpoint> | null;
  if (!c || typeof c.cursor !== 'string' || !Number.isSafeInteger(c.lines) || !Number.isSafeInteger(c.bytes)) return undefined;
  return { cursor: c.cursor, lines: c.lines as number, bytes: c.bytes as number };
}
