import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { constants, crc32, createDeflateRaw, deflateRaw, deflateRawSync } from 'node:zlib';
import { DEFLATE, STORE } from './zip-writer-format.js';

/** A file to put in the zip. */
export interface SourceFile {
  /** Entry name, `/`-separated. */
  name: string;
  abs: string;
  /** Bytes, as `stat` saw them; a file that reads differently fails the archive. */
  size: number;
  /** Milliseconds since the epoch, as `stat` gives `mtimeMs`. */
  mtimeMs: number;
  mode: number;
}

/** One entry's data, ready to be appended: where it is and what its headers say. */
export interface PreparedEntry {
  method: typeof STORE | typeof DEFLATE;
  crc: number;
  compressedSize: number;
  /** The data in memory; or, when undefined, in `spool`; or, without a spool, the source file itself (stored). */
  chunks: Buffer[] | undefined;
  spool: string | undefined;
}

export interface PrepareOptions {
  level: number;
  /** Where a large entry's deflated data waits its turn. */
  spoolPath: string;
  signal: AbortSignal;
  onRead: (bytes: number) => void;
}

/** A file that changed while it was being packaged: its headers would lie. */
export class FileChangedError extends Error {
  constructor(name: string) {
    super(`${name} changed while it was being packaged`);
    this.name = 'FileChangedError';
  }
}

/**
 * Files up to this size are read and deflated right on the main thread: for small files a
 * thread-pool round trip costs more than the work (3,000 files of 4 KB: 113 ms inline,
 * 453 ms through the pool; reading them 40 ms with readFileSync, 130-390 ms async).
 */
export const INLINE_MAX = 256 * 1024;
/** Deflated data kept in memory per entry before it goes to a spool file. */
const SPOOL_MEMORY = 1 << 20;
const CHUNK = 1 << 16;
const SAMPLE = 1 << 16;

const deflateRawAsync = promisify(deflateRaw);

/**
 * Reads and compresses one file; entries that do not shrink are stored as they are. A
 * file up to {@link INLINE_MAX} is done before this returns; larger ones stream through
 * the thread pool.
 */
export async function prepareEntry(file: SourceFile, o: PrepareOptions): Promise<PreparedEntry> {
  if (file.size <= INLINE_MAX) return prepareInline(file, o);
  return prepareLarge(file, o);
}

// One buffer for every inline read (one more byte than needed, to notice a file that
// grew): reading thousands of files into fresh buffers left tens of MB for the GC. It is
// shared safely because prepareInline never awaits while its data is in it.
const scratch = Buffer.allocUnsafe(INLINE_MAX + 1);
/**
 * zlib's output pieces for a small file: under 4 KiB they come from Node's shared buffer pool, where
 * its default 16 KiB makes a fresh allocation per file (3,000 files: 48 MB for the GC to find, and a
 * heap that grew with the number of files). The data is written soon after, so nothing is pinned long.
 */
const SMALL_OUTPUT = 4095;

function prepareInline(file: SourceFile, o: PrepareOptions): PreparedEntry {
  const data = scratch.subarray(0, readWhole(file.abs));
  if (data.length !== file.size) throw new FileChangedError(file.name);
  o.onRead(data.length);
  const crc = crc32(data);
  if (o.level > 0 && data.length > 0) {
    const deflated = deflateRawSync(data, { level: o.level, chunkSize: SMALL_OUTPUT });
    if (deflated.length < data.length) return { method: DEFLATE, crc, compressedSize: deflated.length, chunks: [deflated], spool: undefined };
  }
  return { method: STORE, crc, compressedSize: data.length, chunks: [Buffer.from(data)], spool: undefined };
}

/** Reads a file into {@link scratch}; returns how many bytes it holds (up to one past INLINE_MAX). */
function readWhole(path: string): number {
  const fd = openSync(path, 'r');
  try {
    let length = 0;
    for (let n = -1; n !== 0 && length < scratch.length; length += n) n = readSync(fd, scratch, length, scratch.length - length, null);
    return length;
  } finally {
    closeSync(fd);
  }
}

async function prepareLarge(file: SourceFile, o: PrepareOptions): Promise<PreparedEntry> {
  let crc = 0;
  let read = 0;
  const source = createReadStream(file.abs, { highWaterMark: CHUNK });
  const checksum = async function* (chunks: AsyncIterable<Buffer>) {
    for await (const chunk of chunks) {
      crc = crc32(chunk, crc);
      read += chunk.length;
      o.onRead(chunk.length);
      yield chunk;
    }
  };
  const level = o.level === 0 ? 0 : await levelFromSamples(file, o.level);
  if (level === 0) {
    await pipeline(
      source,
      checksum,
      async (chunks: AsyncIterable<Buffer>) => {
        for await (const chunk of chunks) void chunk;
      },
      { signal: o.signal },
    );
    if (read !== file.size) throw new FileChangedError(file.name);
    return { method: STORE, crc, compressedSize: read, chunks: undefined, spool: undefined };
  }
  const spool = new Spool(o.spoolPath);
  try {
    await pipeline(
      source,
      checksum,
      createDeflateRaw({ level, chunkSize: CHUNK, strategy: constants.Z_DEFAULT_STRATEGY }),
      (chunks: AsyncIterable<Buffer>) => spool.take(chunks),
      { signal: o.signal },
    );
    await spool.close();
    if (read !== file.size) throw new FileChangedError(file.name);
    if (spool.bytes >= read) {
      // Did not shrink: store it, and read it again when its turn comes.
      await spool.discard();
      return { method: STORE, crc, compressedSize: read, chunks: undefined, spool: undefined };
    }
    return { method: DEFLATE, crc, compressedSize: spool.bytes, chunks: spool.memory(), spool: spool.file() };
  } catch (e) {
    await spool.discard();
    throw e;
  }
}

/** The lighter level tried on a large file's samples; it takes ~4× less time than 6 on binary data. */
const LIGHT_LEVEL = 4;
/** How much smaller `level` must make the samples than LIGHT_LEVEL to be worth its time. */
const WORTH_IT = 0.02;

/**
 * The level to deflate a large file with, from three samples (start, middle, end):
 * - 0 (store) when none of them shrinks at `level`: the file is taken for compressed already
 *   (media, archives), and no core is spent deflating all of it. A file that only compresses
 *   elsewhere is stored too, which costs size, never correctness.
 * - LIGHT_LEVEL when it makes the samples less than 2% larger than `level` does: on binary data
 *   (executables, fonts, databases) level 6 took 4× the time of level 4 to save ~1%, where on
 *   text it saves ~12%.
 * - `level` otherwise.
 */
async function levelFromSamples(file: SourceFile, level: number): Promise<number> {
  const handle = await open(file.abs, 'r');
  try {
    let shrinks = false;
    let full = 0;
    let light = 0;
    for (const at of [0, Math.floor(file.size / 2), file.size - SAMPLE]) {
      const sample = Buffer.alloc(SAMPLE);
      const { bytesRead } = await handle.read(sample, 0, SAMPLE, Math.max(0, at));
      const data = sample.subarray(0, bytesRead);
      const deflated = (await deflateRawAsync(data, { level })).length;
      shrinks ||= deflated < bytesRead * 0.98;
      full += deflated;
      if (level > LIGHT_LEVEL) light += (await deflateRawAsync(data, { level: LIGHT_LEVEL })).length;
    }
    if (!shrinks) return 0;
    return level > LIGHT_LEVEL && light <= full * (1 + WORTH_IT) ? LIGHT_LEVEL : level;
  } finally {
    await handle.close();
  }
}

/** Collects deflated data in memory, moving it to a file once it outgrows {@link SPOOL_MEMORY}. */
class Spool {
  bytes = 0;
  private chunks: Buffer[] = [];
  private pending = 0;
  private handle: FileHandle | undefined;
  private opened = false;
  private taking: Promise<void> | undefined;

  constructor(private readonly path: string) {}

  take(chunks: AsyncIterable<Buffer>): Promise<void> {
    this.taking = this.drain(chunks);
    return this.taking;
  }

  private async drain(chunks: AsyncIterable<Buffer>): Promise<void> {
    for await (const chunk of chunks) {
      this.chunks.push(chunk);
      this.bytes += chunk.length;
      this.pending += chunk.length;
      if (this.pending > SPOOL_MEMORY) await this.flush();
    }
  }

  async close(): Promise<void> {
    if (this.opened) await this.flush();
    await this.handle?.close();
    this.handle = undefined;
  }

  memory(): Buffer[] | undefined {
    return this.opened ? undefined : this.chunks;
  }

  file(): string | undefined {
    return this.opened ? this.path : undefined;
  }

  async discard(): Promise<void> {
    // An aborted pipeline settles before its last write does: let that finish (or fail) first.
    await this.taking?.catch(() => {});
    this.chunks = [];
    await this.handle?.close().catch(() => {});
    this.handle = undefined;
    if (this.opened) await unlink(this.path).catch(() => {});
  }

  private async flush(): Promise<void> {
    if (!this.handle) {
      this.opened = true;
      this.handle = await open(this.path, 'wx', 0o600);
    }
    await writeFully(this.handle, this.chunks);
    this.chunks = [];
    this.pending = 0;
  }
}

/** `writev` may write less than asked; this does not return until all of it is written. */
export async function writeFully(handle: FileHandle, buffers: Buffer[]): Promise<void> {
  let left = buffers.filter((b) => b.length > 0);
  while (left.length > 0) {
    let { bytesWritten } = await handle.writev(left.slice(0, 1024));
    const rest: Buffer[] = [];
    for (const b of left) {
      if (bytesWritten >= b.length) bytesWritten -= b.length;
      else {
        rest.push(bytesWritten > 0 ? b.subarray(bytesWritten) : b);
        bytesWritten = 0;
      }
    }
    left = rest;
  }
}
