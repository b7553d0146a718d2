import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PrefixHash } from './import-checkpoint.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
async function* chunks(...parts: string[]) {
  for (const p of parts) yield Buffer.from(p);
}
const drain = async (it: AsyncIterable<Buffer>) => {
  let text = '';
  for await (const c of it) text += c.toString();
  return text;
};

describe('PrefixHash', () => {
  it('hashes exactly the bytes committed, across chunk edges, and hands every chunk on', async () => {
    const h = new PrefixHash();
    const seen: string[] = [];
    for await (const c of h.tap(chunks('{"id":"a"}\n{"i', 'd":"b"}\n{"id":"c"}\n'))) {
      seen.push(c.toString());
      if (seen.length === 2) h.advance(22);
    }
    expect(seen.join('')).toBe('{"id":"a"}\n{"id":"b"}\n{"id":"c"}\n');
    expect(h.offset).toBe(22);
    expect(h.digest()).toBe(sha('{"id":"a"}\n{"id":"b"}\n'));
  });

  it('checks the input against a checkpoint before handing on anything past it', async () => {
    const mismatch = () => new Error('changed');
    const expectPrefix = { offset: 11, sha256: sha('{"id":"a"}\n'), mismatch };
    expect(await drain(new PrefixHash().tap(chunks('{"id":"a"}\n{"id":"b"}\n'), expectPrefix))).toBe('{"id":"a"}\n{"id":"b"}\n');
    await expect(drain(new PrefixHash().tap(chunks('{"id":"A"}\n{"id":"b"}\n'), expectPrefix))).rejects.toThrow('changed');
    // Shorter than what was done: changed as well.
    await expect(drain(new PrefixHash().tap(chunks('{"id":"a"'), expectPrefix))).rejects.toThrow('changed');
  });
});
