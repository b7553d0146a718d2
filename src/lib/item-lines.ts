import { isObject } from './is-object.js';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-depth.js';

/*
 * A datastore import's lines: how JSON Lines are split and numbered, and what makes a line an item. Shared by
 * `rosi datastore import` and the emulator's console import, so both refuse the same lines for the same reasons.
 */

export type Item = Record<string, unknown>;

/** DynamoDB's item size limit, which the platform applies to an item's JSON text. */
export const MAX_ITEM_BYTES = 400 * 1024;

/** Whether an item carries its primary key as Slack requires it: a non-empty string. */
export function hasPrimaryKey(item: Item, key: string): boolean {
  return typeof item[key] === 'string' && item[key] !== '';
}

/** One line of the input, numbered from 1; `end` is the byte offset just past it. */
export interface SourceLine {
  line: number;
  text: string;
  end: number;
}

/**
 * The lines of a byte or text stream, numbered from 1, from line `skip + 1` on, handed over a
 * chunk's worth at a time (an await per line costs more than the line). A line ends at `\n`
 * (a `\r` before it is dropped); only the unfinished last line is held between chunks, so
 * memory follows the longest line, not the input. Each line is decoded from the bytes on its
 * own: a slice of a decoded chunk would keep the whole chunk alive for as long as the line is.
 * `onBytes` hears of each chunk as it arrives.
 */
export async function* streamLines(chunks: AsyncIterable<Uint8Array | string>, skip = 0, onBytes?: (n: number) => void): AsyncGenerator<SourceLine[]> {
  let n = 0;
  let rest: Buffer | undefined;
  // Byte offset of data[0] in the input.
  let base = 0;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    onBytes?.(bytes.length);
    const data = rest ? Buffer.concat([rest, bytes]) : bytes;
    const lines: SourceLine[] = [];
    let start = 0;
    for (let end = data.indexOf(10, start); end !== -1; end = data.indexOf(10, start)) {
      if (++n > skip) lines.push({ line: n, text: decodeLine(data, start, end), end: base + end + 1 });
      start = end + 1;
    }
    base += start;
    rest = start < data.length ? data.subarray(start) : undefined;
    if (lines.length > 0) yield lines;
  }
  if (rest && ++n > skip) yield [{ line: n, text: decodeLine(rest, 0, rest.length), end: base + rest.length }];
}

function decodeLine(data: Buffer, start: number, end: number): string {
  return data.toString('utf8', start, end > start && data[end - 1] === 13 ? end - 1 : end);
}

/** Why a line cannot be sent, with what to write to the failures file. */
export class LineProblem {
  constructor(
    readonly reason: string,
    readonly item: Item | string,
  ) {}
}

/** A checked line: the item, and its size where that is worth measuring (else its length). */
export interface CheckedItem {
  item: Item;
  bytes: number;
}

// No JSON text grows more than 6 characters per character when re-serialised (`1e20`), nor
// more than 3 bytes per character when encoded: shorter lines cannot reach the item limit.
const SURELY_SMALL = Math.floor(MAX_ITEM_BYTES / 18);

/**
 * The item a line holds, or why it cannot be sent. A line of a failures file
 * (`{"line", "reason", "item"}` and nothing else) stands for its item, so that file can be
 * fixed and imported as it is; an item kept as text (it was not JSON) is read as a line.
 */
export function checkLine(text: string, primaryKey: string, unwrap = true): CheckedItem | LineProblem {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return new LineProblem('not valid JSON', text);
  }
  if (!isObject(v)) return new LineProblem('not a JSON object', text);
  // A datastore keyed by one of the record's own names could hold items of that shape: those stay items.
  if (unwrap && !RECORD_KEYS.has(primaryKey) && isFailureRecord(v)) {
    if (typeof v.item === 'string') return checkLine(v.item, primaryKey, false);
    v = v.item;
  }
  const item = v as Item;
  // Deeper values would overflow the stack of JSON.stringify when sent. Counting brackets first
  // spares the walk for almost every line: fewer than that many cannot nest that deep.
  if (opensMoreThan(text, MAX_JSON_DEPTH) && jsonDepthExceeds(item, MAX_JSON_DEPTH))
    return new LineProblem(`nested more than ${MAX_JSON_DEPTH} levels deep`, text);
  if (!hasPrimaryKey(item, primaryKey)) return new LineProblem(`no primary key "${primaryKey}" (a non-empty string)`, item);
  // An unwrapped item's text is part of the line, so the line's length bounds it too.
  if (text.length <= SURELY_SMALL) return { item, bytes: text.length };
  const bytes = Buffer.byteLength(JSON.stringify(item));
  if (bytes > MAX_ITEM_BYTES) return new LineProblem(`item_too_large: ${bytes} bytes as JSON, over the ${MAX_ITEM_BYTES / 1024} KB item limit`, item);
  return { item, bytes };
}

const RECORD_KEYS = new Set(['line', 'reason', 'item']);

function opensMoreThan(text: string, max: number): boolean {
  let n = 0;
  for (const open of ['[', '{']) {
    for (let i = text.indexOf(open); i !== -1; i = text.indexOf(open, i + 1)) if (++n > max) return true;
  }
  return false;
}

function isFailureRecord(v: Record<string, unknown>): v is { line: number; reason: string; item: Item | string } {
  const keys = Object.keys(v);
  return keys.length === 3 && typeof v.line === 'number' && typeof v.reason === 'string' && (typeof v.item === 'string' || isObject(v.item));
}
