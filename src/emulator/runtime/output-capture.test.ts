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
});
