import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EmulatorError } from '../errors.js';

/*
 * A snapshot is one file (src/emulator/snapshot/README.md):
 *
 *   rosi-emulator-snapshot <format>\n      the magic and the format version, read before anything else
 *   <header JSON>\n                         SnapshotHeader: versions, the clock, and the entries in order
 *   <the entries' bytes, one after another> the database first, then each uploaded object
 *   sha256 <64 hex digits>\n                SHA-256 of every byte before this line
 *
 * The checksum is checked before anything is used, so a file cut short or changed loads nothing.
 */

export const SNAPSHOT_MAGIC = 'rosi-emulator-snapshot';
export const SNAPSHOT_FORMAT = 1;
/** The database entry's name; every other entry is `uploads/<path in the uploads folder>`. */
export const DATABASE_ENTRY = 'database';
const TRAILER_BYTES = 'sha256 '.length + 64 + 1;
const MAX_HEADER_BYTES = 64 * 1024 * 1024;
const UPLOAD_ENTRY = /^uploads\/(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

export interface SnapshotEntry {
  name: string;
  size: number;
}

export interface SnapshotHeader {
  format: number;
  created_at: string;
  /** The rosi that wrote it. */
  rosi_version: string;
  /** The database's schema version; an older one is migrated when loaded, a newer one refused. */
  schema_version: number;
  /** How far the emulator's clock was moved forward (POST /__emulator/clock). */
  clock_offset_ms: number;
  entries: SnapshotEntry[];
}

/** What a snapshot file is made from: the header's fields and, for each entry, the file holding its bytes. */
export interface SnapshotSource {
  header: Omit<SnapshotHeader, 'format' | 'entries'>;
  entries: { name: string; path: string }[];
}

/** Writes the snapshot to `out` (ended when done); the total bytes written. */
export async function writeSnapshot(source: SnapshotSource, out: Writable): Promise<number> {
  const entries: SnapshotEntry[] = [];
  for (const e of source.entries) entries.push({ name: e.name, size: (await stat(e.path)).size });
  const header: SnapshotHeader = { format: SNAPSHOT_FORMAT, ...source.header, entries };
  const hash = createHash('sha256');
  let bytes = 0;
  const write = async (chunk: Buffer | string) => {
    hash.update(chunk);
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await waitDrain(out);
  };
  await write(`${SNAPSHOT_MAGIC} ${SNAPSHOT_FORMAT}\n${JSON.stringify(header)}\n`);
  for (const [i, e] of source.entries.entries()) {
    let size = 0;
    for await (const chunk of createReadStream(e.path)) {
      size += (chunk as Buffer).length;
      await write(chunk as Buffer);
    }
    // The header said how long it is: a file that changed meanwhile would make the snapshot lie.
    if (size !== entries[i]?.size) throw new Error(`${e.path} changed while the snapshot was written`);
  }
  const trailer = `sha256 ${hash.digest('hex')}\n`;
  await new Promise<void>((resolve, reject) => out.end(trailer, (e?: Error | null) => (e ? reject(e) : resolve())));
  return bytes + trailer.length;
}

function waitDrain(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (e?: Error) => {
      out.off('drain', done);
      out.off('error', done);
      if (e) reject(e);
      else resolve();
    };
    out.on('drain', done);
    out.on('error', done);
  });
}

/** Why a snapshot cannot be loaded: `reason` without the file's name, for whoever names it (the CLI sends it over HTTP). */
export class SnapshotError extends EmulatorError {
  constructor(
    code: string,
    readonly reason: string,
    file: string,
    o: { hint: string; cause?: unknown },
  ) {
    super(code, `Cannot load the snapshot ${file}: ${reason}`, { kind: 'usage', ...o });
  }
}

const refused = (file: string, code: string, why: string, hint: string, cause?: unknown) =>
  new SnapshotError(code, why, file, { hint, ...(cause === undefined ? {} : { cause }) });
const corrupt = (file: string, why: string) =>
  refused(
    file,
    'snapshot_corrupt',
    why,
    'The file is damaged or was cut short. Use another snapshot, or save a new one with: rosi emulator snapshot save <file>',
  );

/**
 * Checks `file` (its format version first, then its checksum, then its header) and writes its entries under
 * `into` (`into/database`, `into/uploads/…`). Nothing is written before the checksum matched.
 */
export async function readSnapshot(file: string, into: string): Promise<SnapshotHeader> {
  const { header, entriesAt } = await checked(file);
  let offset = entriesAt;
  for (const e of header.entries) {
    const target = join(into, ...e.name.split('/'));
    await mkdir(dirname(target), { recursive: true });
    if (e.size === 0) await (await open(target, 'w')).close();
    else await pipeline(createReadStream(file, { start: offset, end: offset + e.size - 1 }), createWriteStream(target, { flags: 'wx' }));
    offset += e.size;
  }
  return header;
}

/** The checks readSnapshot makes, and nothing unpacked: what `rosi emulator snapshot load` asks before it sends a file. */
export async function checkSnapshot(file: string): Promise<SnapshotHeader> {
  return (await checked(file)).header;
}

async function checked(file: string): Promise<{ header: SnapshotHeader; entriesAt: number }> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw refused(file, 'snapshot_not_found', code === 'ENOENT' ? 'there is no such file' : `it cannot be read (${code ?? String(e)})`, 'Check the path.', e);
  }
  const head = await readRange(file, 0, Math.min(size, 64));
  const firstLine = head.toString('latin1').split('\n')[0] ?? '';
  const magic = new RegExp(`^${SNAPSHOT_MAGIC} (\\d{1,6})$`).exec(firstLine);
  if (!magic || !head.includes(0x0a)) {
    throw refused(file, 'not_a_snapshot', 'it is not a rosi emulator snapshot', 'Snapshots are what rosi emulator snapshot save and --export-on-exit write.');
  }
  const format = Number(magic[1]);
  if (format > SNAPSHOT_FORMAT) {
    throw refused(
      file,
      'snapshot_too_new',
      `it was written by a newer rosi (snapshot format ${format}; this rosi reads format ${SNAPSHOT_FORMAT} and older)`,
      'Upgrade rosi (npm install -g rosi@latest), or load a snapshot this rosi wrote.',
    );
  }
  if (size < firstLine.length + 1 + TRAILER_BYTES) throw corrupt(file, 'it is too short to hold a header and a checksum');
  const body = size - TRAILER_BYTES;
  const trailer = (await readRange(file, body, TRAILER_BYTES)).toString('latin1');
  const expected = /^sha256 ([0-9a-f]{64})\n$/.exec(trailer)?.[1];
  if (!expected) throw corrupt(file, 'it does not end with its checksum');
  const hash = createHash('sha256');
  if (body > 0) for await (const chunk of createReadStream(file, { start: 0, end: body - 1 })) hash.update(chunk as Buffer);
  if (hash.digest('hex') !== expected) throw corrupt(file, 'its checksum does not match its contents');

  const start = firstLine.length + 1;
  const headerText = await readLine(file, start, Math.min(body - start, MAX_HEADER_BYTES));
  if (headerText === undefined) throw corrupt(file, 'its header does not end');
  const header = parseHeader(headerText, format);
  if (!header) throw corrupt(file, 'its header is not what this format holds');
  const entriesAt = start + Buffer.byteLength(headerText) + 1;
  if (entriesAt + header.entries.reduce((n, e) => n + e.size, 0) !== body) throw corrupt(file, 'its entries do not add up to its length');
  return { header, entriesAt };
}

/** What a stream of snapshot bytes turned out to be once it ended: whole, or why not. */
export interface SnapshotStreamCheck {
  update(chunk: Buffer): void;
  /** undefined when the bytes were a snapshot ending in the checksum of everything before it; else why not. */
  problem(): string | undefined;
}

/**
 * Checks snapshot bytes as they stream by (a save over HTTP), holding back only the trailer's length: whether they
 * start with the magic line and end with `sha256 <hex>\n` of every byte before it. A stream cut short fails here.
 */
export function snapshotStreamCheck(): SnapshotStreamCheck {
  const hash = createHash('sha256');
  const magic = Buffer.from(`${SNAPSHOT_MAGIC} `);
  let head = Buffer.alloc(0);
  let tail = Buffer.alloc(0);
  let total = 0;
  return {
    update(chunk) {
      total += chunk.length;
      if (head.length < magic.length) head = Buffer.concat([head, chunk.subarray(0, magic.length - head.length)]);
      const joined = tail.length === 0 ? chunk : Buffer.concat([tail, chunk]);
      const cut = joined.length - TRAILER_BYTES;
      if (cut > 0) {
        hash.update(joined.subarray(0, cut));
        tail = Buffer.from(joined.subarray(cut));
      } else tail = Buffer.from(joined);
    },
    problem() {
      if (!head.equals(magic)) return 'what came is not a rosi emulator snapshot';
      const expected = /^sha256 ([0-9a-f]{64})\n$/.exec(tail.toString('latin1'))?.[1];
      if (total <= TRAILER_BYTES || !expected) return 'it was cut short (it does not end with its checksum)';
      if (hash.digest('hex') !== expected) return 'its checksum does not match its contents';
      return undefined;
    },
  };
}

function parseHeader(text: string, format: number): SnapshotHeader | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  const h = v as Partial<SnapshotHeader> | null;
  if (!h || typeof h !== 'object' || h.format !== format) return undefined;
  if (typeof h.created_at !== 'string' || typeof h.rosi_version !== 'string') return undefined;
  if (!Number.isSafeInteger(h.schema_version) || !Number.isSafeInteger(h.clock_offset_ms) || (h.clock_offset_ms ?? -1) < 0) return undefined;
  if (!Array.isArray(h.entries) || h.entries[0]?.name !== DATABASE_ENTRY) return undefined;
  const names = new Set<string>();
  for (const [i, e] of h.entries.entries()) {
    if (!e || typeof e !== 'object' || typeof e.name !== 'string' || !Number.isSafeInteger(e.size) || e.size < 0) return undefined;
    if (i > 0 && !UPLOAD_ENTRY.test(e.name)) return undefined;
    if (e.name.split('/').some((part) => part === '.' || part === '..') || names.has(e.name)) return undefined;
    names.add(e.name);
  }
  return h as SnapshotHeader;
}

async function readRange(file: string, position: number, length: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The text from `position` to the next newline, if one comes within `limit` bytes. */
async function readLine(file: string, position: number, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let seen = 0;
  for await (const chunk of createReadStream(file, { start: position, end: position + Math.max(limit, 1) - 1, highWaterMark: 1024 * 1024 })) {
    const b = chunk as Buffer;
    const nl = b.indexOf(0x0a);
    if (nl >= 0) {
      chunks.push(b.subarray(0, nl));
      return Buffer.concat(chunks).toString('utf8');
    }
    chunks.push(b);
    seen += b.length;
    if (seen >= limit) break;
  }
  return undefined;
}
