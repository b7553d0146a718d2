/*
 * A streaming multipart/form-data reader (RFC 7578 over RFC 2046). Uploads can be tens of
 * megabytes, so a part's body is handed on chunk by chunk and never held whole; only small
 * fields are collected. Backpressure comes free: the next chunk is read only after the
 * previous one was written.
 */

export interface PartInfo {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
}

/** Where a streamed part's bytes go. */
export interface PartSink {
  write(chunk: Buffer): Promise<void> | void;
  end(): Promise<void> | void;
}

export interface MultipartHandler {
  /** At each part's start: a sink to stream the body into, or undefined to get it whole through field(). */
  open(part: PartInfo): Promise<PartSink | undefined> | PartSink | undefined;
  field(part: PartInfo, value: string): void;
}

export interface MultipartLimits {
  /** A field's largest value; files have no limit here (their sink decides). */
  maxFieldBytes: number;
  maxHeaderBytes: number;
}

/** The body is not well-formed multipart, or a field broke a limit. */
export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MultipartError';
  }
}

const DEFAULT_LIMITS: MultipartLimits = { maxFieldBytes: 64 * 1024, maxHeaderBytes: 8 * 1024 };
const CRLF = Buffer.from('\r\n');
const EMPTY = Buffer.alloc(0);

/** The boundary of a `multipart/form-data` content type; undefined for any other type. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const m = /;\s*boundary\s*=\s*(?:"([^"]{1,70})"|([^\s;"]{1,70}))\s*(?:;|$)/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

type State = 'preamble' | 'after-delimiter' | 'headers' | 'body' | 'done';

/**
 * Reads the whole source, calling the handler part by part. A failure (malformed body,
 * limit, or a throwing handler or sink) stops the parsing but not the reading: the rest of
 * the source is consumed and dropped, so an HTTP client finishes sending and can read the
 * answer. The failure is thrown once the source ends.
 */
export async function readMultipart(
  source: AsyncIterable<Buffer>,
  boundary: string,
  handler: MultipartHandler,
  limits: MultipartLimits = DEFAULT_LIMITS,
): Promise<void> {
  const parser = new Parser(Buffer.from(`\r\n--${boundary}`), handler, limits);
  let failure: unknown;
  for await (const chunk of source) {
    if (failure !== undefined) continue;
    try {
      await parser.push(chunk);
    } catch (e) {
      failure = e;
    }
  }
  if (failure !== undefined) throw failure;
  parser.finish();
}

class Parser {
  // The body begins with a boundary not preceded by CRLF; a virtual CRLF lets it match like the rest.
  private buf: Buffer = CRLF;
  private state: State = 'preamble';
  private part: PartInfo | undefined;
  private sink: PartSink | undefined;
  private value: Buffer[] = [];
  private valueSize = 0;

  constructor(
    private readonly delimiter: Buffer,
    private readonly handler: MultipartHandler,
    private readonly limits: MultipartLimits,
  ) {}

  async push(chunk: Buffer): Promise<void> {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    while (await this.step());
  }

  finish(): void {
    if (this.state !== 'done') throw new MultipartError('The body ended before the closing boundary');
  }

  /** Makes what progress the buffer allows; false when it needs more input. */
  private async step(): Promise<boolean> {
    switch (this.state) {
      case 'preamble': {
        const at = this.buf.indexOf(this.delimiter);
        if (at < 0) return (this.keepTail(), false);
        this.buf = this.buf.subarray(at + this.delimiter.length);
        this.state = 'after-delimiter';
        return true;
      }
      case 'after-delimiter':
        return this.afterDelimiter();
      case 'headers':
        return this.headers();
      case 'body':
        return this.body();
      case 'done':
        // The epilogue after the closing boundary means nothing.
        this.buf = EMPTY;
        return false;
    }
  }

  /** Keeps only what could be the start of a delimiter split across chunks. */
  private keepTail(): void {
    this.buf = this.buf.subarray(Math.max(0, this.buf.length - this.delimiter.length + 1));
  }

  private afterDelimiter(): boolean {
    if (this.buf.length < 2) return false;
    if (this.buf[0] === 0x2d && this.buf[1] === 0x2d) {
      this.state = 'done';
      return true;
    }
    const eol = this.buf.indexOf(CRLF);
    if (eol < 0) {
      if (this.buf.length > 256) throw new MultipartError('No line break after a boundary');
      return false;
    }
    // RFC 2046 allows whitespace between a boundary and its line break; nothing else.
    if (!/^[ \t]*$/.test(this.buf.subarray(0, eol).toString('latin1'))) throw new MultipartError('Text after a boundary');
    this.buf = this.buf.subarray(eol + 2);
    this.state = 'headers';
    return true;
  }

  private async headers(): Promise<boolean> {
    // An empty header block is just its terminating blank line.
    const end = this.buf.subarray(0, 2).equals(CRLF) ? 0 : this.buf.indexOf('\r\n\r\n');
    if (end < 0) {
      if (this.buf.length > this.limits.maxHeaderBytes) throw new MultipartError('Part headers too long');
      return false;
    }
    const part = parsePartHeaders(this.buf.subarray(0, end).toString('utf8'));
    this.buf = this.buf.subarray(end === 0 ? 2 : end + 4);
    this.part = part;
    this.sink = await this.handler.open(part);
    this.value = [];
    this.valueSize = 0;
    this.state = 'body';
    return true;
  }

  private async body(): Promise<boolean> {
    const at = this.buf.indexOf(this.delimiter);
    const safe = at >= 0 ? at : Math.max(0, this.buf.length - this.delimiter.length + 1);
    if (safe > 0) await this.emit(this.buf.subarray(0, safe));
    if (at < 0) {
      this.buf = this.buf.subarray(safe);
      return false;
    }
    this.buf = this.buf.subarray(at + this.delimiter.length);
    await this.endPart();
    this.state = 'after-delimiter';
    return true;
  }

  private async emit(data: Buffer): Promise<void> {
    if (this.sink) return void (await this.sink.write(data));
    this.valueSize += data.length;
    if (this.valueSize > this.limits.maxFieldBytes) throw new MultipartError(`Field ${this.part?.name ?? ''} is too large`);
    this.value.push(data);
  }

  private async endPart(): Promise<void> {
    const part = this.part as PartInfo;
    if (this.sink) await this.sink.end();
    else this.handler.field(part, Buffer.concat(this.value).toString('utf8'));
    this.sink = undefined;
    this.part = undefined;
    this.value = [];
  }
}

/** The name, filename and content type from a part's header block. */
function parsePartHeaders(block: string): PartInfo {
  let disposition: string | undefined;
  let contentType: string | undefined;
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartError('A malformed part header');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-disposition') disposition = value;
    else if (name === 'content-type') contentType = value;
  }
  if (!disposition || !/^form-data\s*(;|$)/i.test(disposition)) throw new MultipartError('A part without Content-Disposition: form-data');
  const params = new Map<string, string>();
  for (const m of disposition.matchAll(/;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/g)) {
    params.set((m[1] as string).toLowerCase(), m[2] === undefined ? (m[3] ?? '') : m[2].replace(/\\(.)/g, '$1'));
  }
  const name = params.get('name');
  if (name === undefined || name === '') throw new MultipartError('A part without a name');
  return { name, filename: params.get('filename'), contentType };
}
