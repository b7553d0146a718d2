import type { Readable } from 'node:stream';
import type { Entry, ZipFile } from 'yauzl';

/** Why a file could not be read as a deployable zip: Slack's apps.hosted.upload error codes. */
export class ZipRejected extends Error {
  constructor(
    readonly code: 'unknown_file_type' | 'file_rejected',
    message: string,
  ) {
    super(message);
    this.name = 'ZipRejected';
  }
}

export interface ZipContents {
  /** File entries (no directories), names with forward slashes, in archive order. */
  files: string[];
  /** The bytes of the entries asked for that exist. */
  read: Map<string, Buffer>;
  /** Each file entry's size once inflated, in bytes (from the central directory: nothing is inflated for it). */
  sizes: Map<string, number>;
}

/** Entries read into memory (manifest.json) are small; a larger one is refused, not inflated. */
const MAX_READ_BYTES = 5 * 1024 * 1024;

/**
 * Lists a zip and reads the named entries. Only the central directory and those entries are
 * read, so a large bundle costs little. Throws ZipRejected: unknown_file_type when the file
 * is not a zip at all, file_rejected when it is one but broken, encrypted or unsafe
 * (absolute or `..` paths, which yauzl refuses).
 */
export async function readZip(path: string, wanted: readonly string[] = []): Promise<ZipContents> {
  // Loaded on first use: it is an external of the emulator bundle and only uploads need it.
  const yauzl = await import('yauzl');
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  } catch (e) {
    // A file system error (the file is gone) is not a verdict on the contents.
    if (typeof (e as NodeJS.ErrnoException).code === 'string') throw e;
    throw new ZipRejected('unknown_file_type', `Not a zip file: ${message(e)}`);
  }
  try {
    const files: string[] = [];
    const read = new Map<string, Buffer>();
    const sizes = new Map<string, number>();
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      if (entry.isEncrypted()) throw new ZipRejected('file_rejected', `Encrypted entry: ${entry.fileName}`);
      files.push(entry.fileName);
      sizes.set(entry.fileName, entry.uncompressedSize);
      if (wanted.includes(entry.fileName)) read.set(entry.fileName, await readEntry(zip, entry));
    }
    return { files, read, sizes };
  } catch (e) {
    if (e instanceof ZipRejected) throw e;
    throw new ZipRejected('file_rejected', `Unreadable zip: ${message(e)}`);
  } finally {
    zip.close();
  }
}

async function readEntry(zip: ZipFile, entry: Entry): Promise<Buffer> {
  if (entry.uncompressedSize > MAX_READ_BYTES) throw new ZipRejected('file_rejected', `${entry.fileName} is larger than ${MAX_READ_BYTES} bytes`);
  const stream: Readable = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  // yauzl checks the inflated size against the header, so this cannot grow past the cap.
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
