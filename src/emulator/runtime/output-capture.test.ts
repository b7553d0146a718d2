import { describe, expect, it } from 'vitest';
import { OutputCapture } from './output-capture.js';

describe('OutputCapture', () => {
  it('keeps everything under the cap, in arrival order', () => {
    const c = new OutputCapture(100);
    for (const part of ['out 1\n', 'err 1\n', 'out 2\n']) c.add(Buffer.from(part));
    expect(c.text()).toBe('out 1\nerr 1\nout 2\n');
  });

  it('keeps the last bytes and says how many were cut', () => {
    const c = new OutputCapture(10);
    c.add(Buffer.from('0123456789'));
    c.add(Buffer.from('abcdefghij'));
    c.add(Buffer.from('KLMNO'));
    expect(c.text()).toBe('[… 15 bytes cut]\nfghijKLMNO');
  });

  it('counts bytes, and never cuts a character in two', () => {
    const c = new OutputCapture(5);
    // "é" is two bytes: keeping the last 5 would start inside the first one.
    c.add(Buffer.from('aéééé'));
    expect(c.text()).toBe('[… 5 bytes cut]\néé');
  });

  it('can leave the cut unmarked', () => {
    const c = new OutputCapture(3, false);
    c.add(Buffer.from('abcdef'));
    expect(c.text()).toBe('def');
  });

  describe('take', () => {
    it('hands over whole lines once each; a line still being written waits', () => {
      const c = new OutputCapture(100);
      c.add(Buffer.from('one\ntw'));
      expect(c.take({ wholeLines: true })).toBe('one\n');
      expect(c.take({ wholeLines: true })).toBe('');
      c.add(Buffer.from('o\nthree'));
      expect(c.take({ wholeLines: true })).toBe('two\n');
      expect(c.take({ wholeLines: false })).toBe('three');
      expect(c.take({ wholeLines: false })).toBe('');
    });

    it('loses and repeats nothing, however the bytes arrive', () => {
      const printed = 'héllo 1\nwörld 2\n\nlast, unended';
      const c = new OutputCapture(1_000);
      const parts: string[] = [];
      const bytes = Buffer.from(printed);
      // One byte at a time splits every character and every line somewhere.
      for (const [i, byte] of bytes.entries()) {
        c.add(Buffer.from([byte]));
        if (i % 3 === 0) parts.push(c.take({ wholeLines: true }));
      }
      parts.push(c.take({ wholeLines: false }));
      expect(parts.join('')).toBe(printed);
      expect(parts.filter(Boolean).every((p, i, all) => i === all.length - 1 || p.endsWith('\n'))).toBe(true);
    });

    it('cuts each part to the cap, counting only what that part lost', () => {
      const c = new OutputCapture(10);
      c.add(Buffer.from('0123456789'));
      c.add(Buffer.from('abcdefghi\n'));
      expect(c.take({ wholeLines: true })).toBe('[… 10 bytes cut]\nabcdefghi\n');
      c.add(Buffer.from('short\n'));
      expect(c.take({ wholeLines: true })).toBe('short\n');
    });

    it('leaves text() what was not taken', () => {
      const c = new OutputCapture(100);
      c.add(Buffer.from('a\nb'));
      c.take({ wholeLines: true });
      expect(c.text()).toBe('b');
    });
  });
});
