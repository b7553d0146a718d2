import { describe, expect, it } from 'vitest';
import { fdOutput, type FdSystem } from './fd-output.js';

const DEV_NULL = 259;

/** A descriptor of the given kind; writes land in `written`, or fail with `failWith` once. */
function system(kind: 'pipe' | 'devnull' | 'terminal' | 'closed', o: { failWith?: string; perCall?: number } = {}) {
  const written: string[] = [];
  let fail = o.failWith;
  const sys: FdSystem = {
    fstatSync: () => {
      if (kind === 'closed') throw Object.assign(new Error('EBADF'), { code: 'EBADF' });
      return { isCharacterDevice: () => kind !== 'pipe', rdev: kind === 'devnull' ? DEV_NULL : kind === 'terminal' ? 34816 : 0 };
    },
    statSync: () => ({ rdev: DEV_NULL }),
    writeSync: (_fd, buffer, offset, length) => {
      if (fail) {
        const code = fail;
        fail = undefined;
        throw Object.assign(new Error(code), { code });
      }
      const n = Math.min(length, o.perCall ?? length);
      written.push(Buffer.from(buffer.subarray(offset, offset + n)).toString('utf8'));
      return n;
    },
  };
  return { sys, written };
}

/** Node's stream as far as these tests see it: what it was handed, and whether it was built. */
function nodeStream(isTTY: boolean) {
  const got: string[] = [];
  const listeners: unknown[] = [];
  const stream = {
    isTTY,
    columns: isTTY ? 120 : undefined,
    write: (chunk: string | Uint8Array, done?: () => void) => {
      got.push(Buffer.from(chunk).toString('utf8'));
      done?.();
      return true;
    },
    on: (_event: string, l: unknown) => void listeners.push(l),
  };
  const built: boolean[] = [];
  return { make: () => (built.push(true), stream as unknown as NodeJS.WriteStream), got, listeners, built };
}

describe('fdOutput', () => {
  it.each([
    { name: 'a pipe', kind: 'pipe' as const },
    { name: '/dev/null', kind: 'devnull' as const },
  ])('writes $name straight to its descriptor, never building Node’s stream', ({ kind }) => {
    const { sys, written } = system(kind);
    const node = nodeStream(false);
    const out = fdOutput(1, node.make, 'linux', sys);
    expect(out.isTTY).toBe(false);
    expect(out.columns).toBeUndefined();
    expect(out.write('héllo\n')).toBe(true);
    expect(written).toEqual(['héllo\n']);
    expect(node.built).toEqual([]);
  });

  it('writes the rest when the system takes part of a chunk', () => {
    const { sys, written } = system('pipe', { perCall: 3 });
    fdOutput(1, nodeStream(false).make, 'linux', sys).write('abcdefgh');
    expect(written.join('')).toBe('abcdefgh');
  });

  it('leaves a character device that may be a terminal to Node’s stream, which says what it is', () => {
    const { sys, written } = system('terminal');
    const node = nodeStream(true);
    const out = fdOutput(1, node.make, 'linux', sys);
    expect(out.isTTY).toBe(true);
    expect(out.columns).toBe(120);
    out.write('x');
    expect(node.got).toEqual(['x']);
    expect(written).toEqual([]);
  });

  it.each([
    { name: 'a closed descriptor', kind: 'closed' as const, platform: 'linux' as const },
    { name: 'Windows', kind: 'pipe' as const, platform: 'win32' as const },
  ])('uses Node’s stream for $name', ({ kind, platform }) => {
    const { sys, written } = system(kind);
    const node = nodeStream(false);
    fdOutput(2, node.make, platform, sys).write('x');
    expect(node.got).toEqual(['x']);
    expect(written).toEqual([]);
  });

  it('hands what a full non-blocking descriptor did not take to Node’s stream, and writes there from then on', () => {
    const { sys, written } = system('pipe', { failWith: 'EAGAIN' });
    const node = nodeStream(false);
    const out = fdOutput(1, node.make, 'linux', sys);
    out.write('first');
    out.write('second');
    expect(node.got).toEqual(['first', 'second']);
    expect(written).toEqual([]);
  });

  it('tells its error listeners of a closed pipe, as Node’s stream would, and throws when none listens', () => {
    const heard: string[] = [];
    const { sys } = system('pipe', { failWith: 'EPIPE' });
    const out = fdOutput(1, nodeStream(false).make, 'linux', sys);
    out.on('error', (e) => heard.push(e.code ?? ''));
    out.write('x');
    expect(heard).toEqual(['EPIPE']);
    const unheard = fdOutput(1, nodeStream(false).make, 'linux', system('pipe', { failWith: 'EPIPE' }).sys);
    expect(() => unheard.write('x')).toThrow('EPIPE');
  });

  it('calls back once a direct write is done, and gives its listeners to Node’s stream when one is built', async () => {
    const { sys } = system('pipe');
    const node = nodeStream(false);
    const out = fdOutput(1, node.make, 'linux', sys);
    const listener = () => {};
    out.on('error', listener);
    await new Promise<void>((resolve) => out.write('', resolve));
    out.nodeStream();
    expect(node.listeners).toEqual([listener]);
  });
});
