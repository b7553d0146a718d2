import { describe, expect, it } from 'vitest';
import { boundaryOf, MultipartError, readMultipart, type PartInfo } from './multipart.js';

const B = 'XyZ-boundary';

/** A body cut into chunks of `size` bytes; the generator records how much was consumed. */
function chunked(body: Buffer, size: number) {
  const seen = { bytes: 0 };
  async function* source() {
    for (let i = 0; i < body.length; i += size) {
      const c = body.subarray(i, i + size);
      seen.bytes += c.length;
      yield c;
    }
  }
  return { source: source(), seen };
}

interface Collected {
  fields: [string, string][];
  files: { part: PartInfo; data: Buffer; ended: boolean }[];
}

async function collect(body: Buffer, size = body.length, limits?: { maxFieldBytes: number; maxHeaderBytes: number }): Promise<Collected> {
  const out: Collected = { fields: [], files: [] };
  await readMultipart(
    chunked(body, size).source,
    B,
    {
      open(part) {
        if (part.filename === undefined) return undefined;
        const file = { part, data: Buffer.alloc(0), ended: false };
        out.files.push(file);
        return { write: (c) => void (file.data = Buffer.concat([file.data, c])), end: () => void (file.ended = true) };
      },
      field: (part, value) => void out.fields.push([part.name, value]),
    },
    limits,
  );
  return out;
}

const field = (name: string, value: string) => `--${B}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
// Bytes that look like the start of a delimiter, a CR LF, and every byte value.
const tricky = Buffer.concat([
  Buffer.from(`\r\n--${B.slice(0, 5)}\r\n-\r`),
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  Buffer.from(`\r\n--${B.slice(0, -1)}`),
]);
const body = Buffer.concat([
  Buffer.from(`preamble to ignore\r\n${field('key', 'T1/A1/x.zip')}${field('Policy', 'eyJ9')}`),
  Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="file"; filename="bundle.zip"\r\nContent-Type: application/zip\r\n\r\n`),
  tricky,
  Buffer.from(`\r\n${field('after', 'yes')}--${B}--\r\nepilogue`),
]);

describe('readMultipart', () => {
  it.each([1, 2, 3, 7, 64, 1000, body.length])('reads fields and streams a file, however the body is chunked (%d-byte chunks)', async (size) => {
    const r = await collect(body, size);
    expect(r.fields).toEqual([
      ['key', 'T1/A1/x.zip'],
      ['Policy', 'eyJ9'],
      ['after', 'yes'],
    ]);
    expect(r.files).toHaveLength(1);
    expect(r.files[0]?.part).toEqual({ name: 'file', filename: 'bundle.zip', contentType: 'application/zip' });
    expect(r.files[0]?.data.equals(tricky)).toBe(true);
    expect(r.files[0]?.ended).toBe(true);
  });

  it('takes empty values, UTF-8 names and escaped quotes', async () => {
    const raw = `--${B}\r\nContent-Disposition: form-data; name="empty"\r\n\r\n\r\n--${B}\r\ncontent-disposition: form-data; name="na\\"me"\r\n\r\nvalüe\r\n--${B}--`;
    expect((await collect(Buffer.from(raw), 5)).fields).toEqual([
      ['empty', ''],
      ['na"me', 'valüe'],
    ]);
  });

  it('accepts whitespace after a boundary', async () => {
    expect((await collect(Buffer.from(`--${B}  \r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--${B}--`))).fields).toEqual([['a', '1']]);
  });

  it.each([
    { name: 'no closing boundary', raw: `${field('a', '1')}` },
    { name: 'cut off inside a part', raw: `--${B}\r\nContent-Disposition: form-data; name="a"\r\n\r\nhalf` },
    { name: 'cut off inside the headers', raw: `--${B}\r\nContent-Disposition: form-da` },
    { name: 'no boundary at all', raw: 'just text' },
    { name: 'a part without a name', raw: `--${B}\r\nContent-Disposition: form-data\r\n\r\n1\r\n--${B}--` },
    { name: 'a part without Content-Disposition', raw: `--${B}\r\nContent-Type: text/plain\r\n\r\n1\r\n--${B}--` },
    { name: 'a part with no headers', raw: `--${B}\r\n\r\n1\r\n--${B}--` },
    { name: 'a header line without a colon', raw: `--${B}\r\nContent-Disposition: form-data; name="a"\r\nbroken\r\n\r\n1\r\n--${B}--` },
    { name: 'text after a boundary', raw: `--${B}junk\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--${B}--` },
  ])('refuses $name', async ({ raw }) => {
    await expect(collect(Buffer.from(raw), 3)).rejects.toBeInstanceOf(MultipartError);
  });

  it('refuses an oversized field or header block, after reading the whole body', async () => {
    const big = Buffer.from(`${field('a', 'x'.repeat(100))}${'pad'.repeat(1000)}--${B}--`);
    const { source, seen } = chunked(big, 16);
    const run = readMultipart(source, B, { open: () => undefined, field: () => undefined }, { maxFieldBytes: 50, maxHeaderBytes: 1000 });
    await expect(run).rejects.toThrow(/too large/);
    expect(seen.bytes).toBe(big.length);
    const longHeader = Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="${'n'.repeat(200)}"\r\n\r\n1\r\n--${B}--`);
    await expect(collect(longHeader, 10, { maxFieldBytes: 50, maxHeaderBytes: 100 })).rejects.toThrow(/headers too long/);
  });

  it('passes a failing sink’s error on, after reading the whole body', async () => {
    const { source, seen } = chunked(body, 10);
    const run = readMultipart(source, B, {
      open: (p) => (p.filename ? { write: () => Promise.reject(new Error('disk full')), end: () => undefined } : undefined),
      field: () => undefined,
    });
    await expect(run).rejects.toThrow('disk full');
    expect(seen.bytes).toBe(body.length);
  });
});

describe('boundaryOf', () => {
  it.each([
    ['multipart/form-data; boundary=abc', 'abc'],
    ['multipart/form-data; boundary="a b;c"', 'a b;c'],
    ['Multipart/Form-Data;charset=utf-8; BOUNDARY=----x', '----x'],
  ])('%s → %s', (type, want) => expect(boundaryOf(type)).toBe(want));

  it.each([undefined, '', 'application/json', 'multipart/form-data', 'multipart/mixed; boundary=abc', `multipart/form-data; boundary=${'x'.repeat(71)}`])(
    '%j → none',
    (type) => {
      expect(boundaryOf(type)).toBeUndefined();
    },
  );
});
