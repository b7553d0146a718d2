const decoder = new TextDecoder();

const OPEN_BRACKET = 0x5b;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPENERS = new Set([0x5b, 0x7b]);
const CLOSERS = new Set([0x5d, 0x7d]);

/**
 * A value of an answer that is already JSON, as UTF-8 bytes (a query page's items as SQLite joined them): it
 * goes out as it is, never parsed into objects to be turned back into the same text. The bytes must be valid
 * JSON; whoever makes one vouches for that.
 */
export class RawJson {
  constructor(readonly bytes: Uint8Array) {}

  /** The value itself, for a reader in the process. */
  parse(): unknown {
    return JSON.parse(decoder.decode(this.bytes));
  }

  /**
   * The first entries of an array, as values, read from no more than about `maxBytes` of it (the request
   * inspector keeps a few KB of an answer); `cut` when entries were left out. A value that is not an array
   * is parsed whole when it is that small, else nothing of it is kept.
   */
  preview(maxBytes: number): { value: unknown; cut: boolean } {
    const b = this.bytes;
    if (b[0] !== OPEN_BRACKET) return b.length <= maxBytes ? { value: this.parse(), cut: false } : { value: undefined, cut: true };
    const entries: unknown[] = [];
    let depth = 0;
    let inString = false;
    let start = 1;
    for (let i = 1; i < b.length; i++) {
      const c = b[i] as number;
      if (inString) {
        if (c === BACKSLASH) i++;
        else if (c === QUOTE) inString = false;
        continue;
      }
      if (c === QUOTE) inString = true;
      else if (OPENERS.has(c)) depth++;
      else if (depth > 0 && CLOSERS.has(c)) depth--;
      else if (depth === 0 && (c === COMMA || CLOSERS.has(c))) {
        const entry = decoder.decode(b.subarray(start, i)).trim();
        if (entry !== '') entries.push(JSON.parse(entry));
        if (c !== COMMA) return { value: entries, cut: false };
        start = i + 1;
        if (start > maxBytes) return { value: entries, cut: true };
      }
    }
    return { value: entries, cut: false };
  }
}

/**
 * The JSON text of an answer, as bytes: an answer holding RawJson values (at its top level, where handlers put
 * them) is written field by field around their bytes; any other is JSON.stringify's, encoded once.
 */
export function encodeJson(body: unknown): Buffer {
  if (!hasRaw(body)) return Buffer.from(JSON.stringify(body));
  const parts: Uint8Array[] = [];
  let text = '{';
  let first = true;
  for (const [key, v] of Object.entries(body)) {
    const value: string | RawJson | undefined = v instanceof RawJson ? v : JSON.stringify(v);
    // As JSON.stringify leaves them out: undefined, functions, symbols.
    if (value === undefined) continue;
    text += `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (typeof value === 'string') {
      text += value;
      continue;
    }
    parts.push(Buffer.from(text), value.bytes);
    text = '';
  }
  parts.push(Buffer.from(`${text}}`));
  return Buffer.concat(parts);
}

function hasRaw(body: unknown): body is Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  for (const key in body) if ((body as Record<string, unknown>)[key] instanceof RawJson) return true;
  return false;
}
