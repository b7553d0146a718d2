import yauzl from 'yauzl';

/** One entry of a zip as read back: its bytes and the header fields tests check. */
export interface ZipEntryRead {
  data: Buffer;
  method: number;
  flags: number;
  /** Unix mode from the external attributes. */
  mode: number;
}

/** Every entry of a zip file, strictly checked (names, sizes): name → what was read. */
export function unzipFile(path: string): Promise<Map<string, ZipEntryRead>> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (err, zip) => (err ? reject(err) : collect(zip, resolve, reject)));
  });
}

/** The same, for a zip held in memory (as the emulator stored an upload). */
export function unzipBuffer(buf: Buffer): Promise<Map<string, ZipEntryRead>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (err, zip) =>
      err ? reject(err) : collect(zip, resolve, reject),
    );
  });
}

function collect(zip: yauzl.ZipFile, resolve: (m: Map<string, ZipEntryRead>) => void, reject: (e: unknown) => void): void {
  const out = new Map<string, ZipEntryRead>();
  zip.on('error', reject);
  zip.on('end', () => resolve(out));
  zip.on('entry', (entry: yauzl.Entry) => {
    zip.openReadStream(entry, (e, stream) => {
      if (e) return reject(e);
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', reject);
      stream.on('end', () => {
        out.set(entry.fileName, {
          data: Buffer.concat(chunks),
          method: entry.compressionMethod,
          flags: entry.generalPurposeBitFlag,
          mode: entry.externalFileAttributes >>> 16,
        });
        zip.readEntry();
      });
    });
  });
  zip.readEntry();
}
