import { createReadStream } from 'node:fs';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { CentralDirectory, endOfCentralDirectory, localHeader, MAX_32, MAX_ENTRIES, type EntryHeader } from './zip-writer-format.js';
import { ReadAhead, writeOrder } from './zip-writer-ahead.js';
import { FileChangedError, writeFully, type PreparedEntry, type SourceFile } from './zip-writer-entry.js';

export { FileChangedError, type SourceFile } from './zip-writer-entry.js';

/** Options of {@link writeZip}. */
export interface ZipWriterOptions {
  /** Deflate level 1–9; 0 stores every entry. */
  level: number;
  /** An existing private folder for the spool files of large entries. */
  spoolDir: string;
  /** Entries read and compressed at once, ahead of the one being written. */
  concurrency?: number;
  signal?: AbortSignal;
  /** Uncompressed bytes read (each byte counted once). */
  onRead?: (bytes: number) => void;
  /** The zip's size so far; throw to stop (the error comes out of writeZip). */
  onWrite?: (bytes: number) => void;
  /** `files[index]` is in the zip (small files come first, see `writeOrder`). */
  onEntry?: (index: number) => void;
}

/** The archive needs Zip64 (over 65,535 entries, or past 4 GiB), which this writer does not produce. */
export class ZipLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipLimitError';
  }
}

const DEFAULT_CONCURRENCY = 4;
const FLUSH_BYTES = 1 << 20;

/**
 * Writes `files` to a new zip at `path`, listed in the order given. Small files are read and
 * deflated on this thread while up to `concurrency` large ones stream through the thread pool;
 * the small ones' data goes into the zip first, then the large ones' (see `writeOrder`), each
 * with sizes and CRC-32 in its local header (no data descriptors). Memory stays bounded whatever
 * the file sizes or their number: a large entry's deflated data goes to a spool file in
 * `spoolDir` until its turn, and the central directory is packed bytes. Entries that deflate
 * does not shrink are stored.
 *
 * @returns the zip's size in bytes.
 * @throws ZipLimitError, FileChangedError, I/O errors, or the signal's reason; the
 *   spool files are gone when it throws, the zip is left for the caller to remove.
 */
export async function writeZip(path: string, files: readonly SourceFile[], o: ZipWriterOptions): Promise<number> {
  if (files.length > MAX_ENTRIES) throw new ZipLimitError(`The package has ${files.length} files; a zip without Zip64 holds at most ${MAX_ENTRIES}`);
  const tooBig = files.find((f) => f.size > MAX_32);
  if (tooBig) throw new ZipLimitError(`${tooBig.name} is larger than 4 GiB, which a zip without Zip64 cannot hold`);
  const stop = new AbortController();
  const onAbort = () => stop.abort(o.signal?.reason);
  o.signal?.addEventListener('abort', onAbort, { once: true });
  const ahead = new ReadAhead(files, {
    level: o.level,
    spoolDir: o.spoolDir,
    concurrency: Math.max(1, o.concurrency ?? DEFAULT_CONCURRENCY),
    signal: stop.signal,
    onRead: o.onRead ?? (() => {}),
  });
  const handle = await open(path, 'w', 0o600);
  try {
    const out = new Output(handle, o.onWrite ?? (() => {}));
    const directory = new CentralDirectory(files.length);
    ahead.start();
    for (const i of writeOrder(files)) {
      const file = files[i]!;
      const entry = await ahead.take(i);
      stop.signal.throwIfAborted();
      const header: EntryHeader = {
        name: Buffer.from(file.name),
        method: entry.method,
        crc: entry.crc,
        compressedSize: entry.compressedSize,
        size: file.size,
        mtimeMs: file.mtimeMs,
        mode: file.mode,
        offset: out.position,
      };
      if (out.position + 30 + header.name.length + entry.compressedSize > MAX_32)
        throw new ZipLimitError('The package would be larger than 4 GiB, which a zip without Zip64 cannot hold');
      await out.write(localHeader(header));
      await writeData(out, file, entry, stop.signal);
      directory.add(i, header);
      // Only now, so that a failure above still finds (and removes) its spool file.
      ahead.written(i);
      o.onEntry?.(i);
    }
    const directoryStart = out.position;
    await out.write(directory.bytes());
    const directorySize = out.position - directoryStart;
    if (out.position + 22 > MAX_32) throw new ZipLimitError('The package would be larger than 4 GiB, which a zip without Zip64 cannot hold');
    await out.write(endOfCentralDirectory(directory.entries, directorySize, directoryStart));
    await out.flush();
    return out.position;
  } catch (e) {
    stop.abort(e);
    await ahead.stop();
    // Whichever step noticed first, an abort reads the same to the caller.
    throw o.signal?.aborted ? o.signal.reason : e;
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    await handle.close();
  }
}

async function writeData(out: Output, file: SourceFile, entry: PreparedEntry, signal: AbortSignal): Promise<void> {
  if (entry.chunks) {
    for (const chunk of entry.chunks) await out.write(chunk);
    return;
  }
  if (entry.spool) {
    try {
      for await (const chunk of createReadStream(entry.spool, { highWaterMark: FLUSH_BYTES, signal })) await out.write(chunk as Buffer);
    } finally {
      await unlink(entry.spool).catch(() => {});
    }
    return;
  }
  // Stored from the source file: check it still is what its header says.
  let crc = 0;
  let read = 0;
  for await (const chunk of createReadStream(file.abs, { highWaterMark: FLUSH_BYTES, signal }) as AsyncIterable<Buffer>) {
    crc = crc32(chunk, crc);
    read += chunk.length;
    if (read > file.size) break;
    await out.write(chunk);
  }
  if (read !== file.size || crc !== entry.crc) throw new FileChangedError(file.name);
}

/**
 * Appends to the zip through one reused buffer of {@link FLUSH_BYTES}: one write for many
 * small entries, and their data is copied out at once rather than held until a flush.
 */
class Output {
  position = 0;
  private readonly buffer = Buffer.allocUnsafe(FLUSH_BYTES);
  private used = 0;

  constructor(
    private readonly handle: FileHandle,
    private readonly onWrite: (bytes: number) => void,
  ) {}

  async write(chunk: Buffer): Promise<void> {
    this.position += chunk.length;
    this.onWrite(this.position);
    if (this.used + chunk.length > this.buffer.length) await this.flush();
    if (chunk.length >= this.buffer.length) return writeFully(this.handle, [chunk]);
    chunk.copy(this.buffer, this.used);
    this.used += chunk.length;
  }

  async flush(): Promise<void> {
    const used = this.used;
    this.used = 0;
    await writeFully(this.handle, [this.buffer.subarray(0, used)]);
  }
}
