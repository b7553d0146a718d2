/** The records of a plain (non-Zip64) zip file: APPNOTE.TXT sections 4.3.7, 4.3.12 and 4.3.16. */

/** What the headers of one entry need; known before its data is written (no data descriptors). */
export interface EntryHeader {
  /** UTF-8 bytes of the `/`-separated name. */
  name: Buffer;
  method: typeof STORE | typeof DEFLATE;
  crc: number;
  compressedSize: number;
  size: number;
  /** Modification time, milliseconds since the epoch (a number, not a Date: one fewer object per entry). */
  mtimeMs: number;
  /** `st_mode`, kept so permissions survive unzipping on Unix. */
  mode: number;
  /** Offset of the local header in the zip. */
  offset: number;
}

export const STORE = 0;
export const DEFLATE = 8;
/** Past these the plain format has no room: sizes and offsets would need Zip64. */
export const MAX_32 = 0xfffffffe;
export const MAX_ENTRIES = 0xffff;

const VERSION_NEEDED = 20;
const MADE_BY_UNIX = (3 << 8) | VERSION_NEEDED;
// Bit 11: names are UTF-8, so non-ASCII names read back the same everywhere.
const FLAGS_UTF8 = 0x0800;

export function localHeader(e: EntryHeader): Buffer {
  const b = Buffer.alloc(30 + e.name.length);
  b.writeUInt32LE(0x04034b50, 0);
  b.writeUInt16LE(VERSION_NEEDED, 4);
  b.writeUInt16LE(FLAGS_UTF8, 6);
  b.writeUInt16LE(e.method, 8);
  writeDosTime(b, 10, e.mtimeMs);
  b.writeUInt32LE(e.crc >>> 0, 14);
  b.writeUInt32LE(e.compressedSize, 18);
  b.writeUInt32LE(e.size, 22);
  b.writeUInt16LE(e.name.length, 26);
  b.writeUInt16LE(0, 28);
  e.name.copy(b, 30);
  return b;
}

/**
 * The central directory, built as entries are written (in any order): their records packed in one
 * growing buffer, listed in entry order at the end. Holding a header object per entry until the end
 * cost ~2.4 KB per file: each name's small Buffer pinned an 8 KiB slab of Node's buffer pool, shared
 * with deflated data long since written.
 */
export class CentralDirectory {
  private records = Buffer.allocUnsafe(64 * 1024);
  private used = 0;
  /** Where entry i's record starts in `records`, plus one (0: not added). */
  private readonly at: Float64Array;

  constructor(readonly entries: number) {
    this.at = new Float64Array(entries);
  }

  /** Entry `index`'s record; each index once. */
  add(index: number, e: EntryHeader): void {
    const size = 46 + e.name.length;
    if (this.used + size > this.records.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.records.length * 2, this.used + size));
      this.records.copy(grown, 0, 0, this.used);
      this.records = grown;
    }
    writeCentralHeader(this.records, this.used, e);
    this.at[index] = this.used + 1;
    this.used += size;
  }

  /** Every record, in entry order. */
  bytes(): Buffer {
    const out = Buffer.allocUnsafe(this.used);
    let n = 0;
    for (const start of this.at) {
      if (start === 0) throw new Error('the central directory is missing an entry');
      const from = start - 1;
      const end = from + 46 + this.records.readUInt16LE(from + 28);
      n += this.records.copy(out, n, from, end);
    }
    return out;
  }
}

function writeCentralHeader(b: Buffer, at: number, e: EntryHeader): void {
  b.fill(0, at, at + 46);
  b.writeUInt32LE(0x02014b50, at);
  b.writeUInt16LE(MADE_BY_UNIX, at + 4);
  b.writeUInt16LE(VERSION_NEEDED, at + 6);
  b.writeUInt16LE(FLAGS_UTF8, at + 8);
  b.writeUInt16LE(e.method, at + 10);
  writeDosTime(b, at + 12, e.mtimeMs);
  b.writeUInt32LE(e.crc >>> 0, at + 16);
  b.writeUInt32LE(e.compressedSize, at + 20);
  b.writeUInt32LE(e.size, at + 24);
  b.writeUInt16LE(e.name.length, at + 28);
  // Extra field, comment, disk number and internal attributes stay 0.
  b.writeUInt32LE(((e.mode & 0xffff) << 16) >>> 0, at + 38);
  b.writeUInt32LE(e.offset, at + 42);
  e.name.copy(b, at + 46);
}

export function endOfCentralDirectory(entries: number, size: number, offset: number): Buffer {
  const b = Buffer.alloc(22);
  b.writeUInt32LE(0x06054b50, 0);
  b.writeUInt16LE(entries, 8);
  b.writeUInt16LE(entries, 10);
  b.writeUInt32LE(size, 12);
  b.writeUInt32LE(offset, 16);
  return b;
}

/** MS-DOS date and time, in local time as unzip tools expect; DOS time starts in 1980. */
function writeDosTime(b: Buffer, at: number, ms: number): void {
  const d = new Date(ms);
  const t = Number.isNaN(d.getTime()) || d.getFullYear() < 1980 ? new Date(1980, 0, 1) : d;
  const year = Math.min(t.getFullYear(), 2107);
  b.writeUInt16LE((t.getHours() << 11) | (t.getMinutes() << 5) | (t.getSeconds() >> 1), at);
  b.writeUInt16LE(((year - 1980) << 9) | ((t.getMonth() + 1) << 5) | t.getDate(), at + 2);
}
