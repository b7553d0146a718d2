import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unzipFile } from '../../../test/helpers/unzip.js';
import { FileChangedError, writeZip, ZipLimitError, type SourceFile } from './zip-writer.js';

let base: string;
let spool: string;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'rosi-zip-writer-test-'));
  spool = join(base, 'spool');
  mkdirSync(spool);
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

function files(contents: Record<string, string | Buffer>): SourceFile[] {
  return Object.entries(contents).map(([name, data]) => {
    const abs = join(base, 'src', name);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, data);
    const info = statSync(abs);
    return { name, abs, size: info.size, mtimeMs: info.mtimeMs, mode: info.mode };
  });
}

/** Text that deflates to about half: large enough (over 1 MiB deflated) to go through a spool file. */
const hexText = (bytes: number) => randomBytes(bytes / 2).toString('hex');
const hasUnzip = spawnSync('unzip', ['-v'], { stdio: 'ignore' }).status === 0;

describe('writeZip', () => {
  const contents = {
    'empty.txt': '',
    'small.js': 'export default () => "hello";\n'.repeat(20),
    'tiny-random.bin': randomBytes(1000),
    'café/naïve 日本語.txt': 'ünïcödé',
    'big/spooled.txt': hexText(4 * 1024 * 1024),
    'big/random.bin': randomBytes(3 * 1024 * 1024),
    'big/zeros.bin': Buffer.alloc(2 * 1024 * 1024),
  };

  it('round-trips through yauzl: UTF-8 names, empty files, stored and deflated entries, modes', async () => {
    const list = files(contents);
    const path = join(base, 'out.zip');
    const written: number[] = [];
    const size = await writeZip(path, list, { level: 6, spoolDir: spool, onEntry: (i) => written.push(i) });
    expect(size).toBe(statSync(path).size);
    expect(written).toEqual(list.map((_, i) => i));
    const entries = await unzipFile(path);
    expect([...entries.keys()]).toEqual(Object.keys(contents));
    for (const [name, data] of Object.entries(contents)) {
      const entry = entries.get(name)!;
      expect(entry.data.equals(Buffer.from(data)), name).toBe(true);
      expect(entry.flags & 0x800).toBe(0x800);
      expect(entry.mode).toBe(statSync(join(base, 'src', name)).mode & 0xffff);
    }
    // What does not shrink is stored; everything else is deflated.
    expect(entries.get('big/random.bin')?.method).toBe(0);
    expect(entries.get('tiny-random.bin')?.method).toBe(0);
    expect(entries.get('empty.txt')?.method).toBe(0);
    expect(entries.get('big/spooled.txt')?.method).toBe(8);
    expect(entries.get('big/zeros.bin')?.method).toBe(8);
    expect(size).toBeLessThan(3 * 1024 * 1024 + 2.5 * 1024 * 1024);
    expect(readdirSync(spool)).toEqual([]);
  });

  it.skipIf(!hasUnzip)('passes unzip -t (CRC-32 and sizes), deflated and stored', async () => {
    const list = files(contents);
    for (const level of [6, 0]) {
      const path = join(base, `out-${level}.zip`);
      await writeZip(path, list, { level, spoolDir: spool, concurrency: 3 });
      const r = spawnSync('unzip', ['-t', path], { encoding: 'utf8' });
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain('No errors detected');
    }
  });

  it('keeps the given order with small (inline) and large (streamed) entries mixed, past the read-ahead budget', async () => {
    const mixed: Record<string, string> = {};
    for (let i = 0; i < 48; i++) mixed[`f-${String(i).padStart(2, '0')}.txt`] = i % 12 === 5 ? hexText(3 * 1024 * 1024) : hexText(256 * 1024);
    const list = files(mixed);
    const path = join(base, 'mixed.zip');
    await writeZip(path, list, { level: 6, spoolDir: spool, concurrency: 2 });
    const entries = await unzipFile(path);
    expect([...entries.keys()]).toEqual(Object.keys(mixed));
    for (const [name, data] of Object.entries(mixed)) expect(entries.get(name)?.data.toString(), name).toBe(data);
    expect(readdirSync(spool)).toEqual([]);
  });

  it('a large file first in line holds no small one back: their data goes first, the listing keeps the given order', async () => {
    const list = files({ 'a-large.txt': hexText(2 * 1024 * 1024), 'b.txt': 'bee', 'c.txt': 'sea' });
    const path = join(base, 'order.zip');
    const written: number[] = [];
    await writeZip(path, list, { level: 6, spoolDir: spool, onEntry: (i) => written.push(i) });
    expect(written).toEqual([1, 2, 0]);
    const entries = await unzipFile(path);
    expect([...entries.keys()]).toEqual(['a-large.txt', 'b.txt', 'c.txt']);
    expect(entries.get('b.txt')?.data.toString()).toBe('bee');
  });

  it('a central directory larger than its first buffer (thousands of long names) lists every entry in order', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 1500; i++) many[`folder-with-a-long-name/file-${String(i).padStart(4, '0')}-${'x'.repeat(20)}.txt`] = `${i}`;
    const path = join(base, 'many.zip');
    await writeZip(path, files(many), { level: 6, spoolDir: spool });
    const entries = await unzipFile(path);
    expect([...entries.keys()]).toEqual(Object.keys(many));
    expect(entries.get(Object.keys(many)[1499]!)?.data.toString()).toBe('1499');
  });

  it('an empty list makes a valid, empty zip', async () => {
    const path = join(base, 'empty.zip');
    expect(await writeZip(path, [], { level: 6, spoolDir: spool })).toBe(22);
    expect((await unzipFile(path)).size).toBe(0);
  });

  it('abort mid-way: rejects with the reason and leaves no spool file', async () => {
    const blobs: Record<string, string> = {};
    for (let i = 0; i < 8; i++) blobs[`blob-${i}.txt`] = hexText(3 * 1024 * 1024);
    const list = files(blobs);
    const controller = new AbortController();
    const error = await writeZip(join(base, 'out.zip'), list, {
      level: 6,
      spoolDir: spool,
      signal: controller.signal,
      onEntry: () => controller.abort(new Error('stop')),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ message: 'stop' });
    expect(readdirSync(spool)).toEqual([]);
  });

  it('abort among small (inline) files stops before the next entry is written', async () => {
    const small: Record<string, string> = {};
    for (let i = 0; i < 50; i++) small[`s-${String(i).padStart(2, '0')}.txt`] = hexText(4096);
    const controller = new AbortController();
    const written: number[] = [];
    const onEntry = (i: number) => {
      written.push(i);
      if (i === 9) controller.abort(new Error('stop'));
    };
    await expect(writeZip(join(base, 'out.zip'), files(small), { level: 6, spoolDir: spool, signal: controller.signal, onEntry })).rejects.toThrow('stop');
    expect(written).toHaveLength(10);
  });

  it('onWrite can stop it (a size limit); no spool file is left', async () => {
    const list = files({ 'a.txt': hexText(3 * 1024 * 1024), 'b.txt': hexText(3 * 1024 * 1024) });
    const limit = new Error('too big');
    const onWrite = (bytes: number) => {
      if (bytes > 100_000) throw limit;
    };
    await expect(writeZip(join(base, 'out.zip'), list, { level: 6, spoolDir: spool, onWrite })).rejects.toBe(limit);
    expect(readdirSync(spool)).toEqual([]);
  });

  it('a file that changed size since it was listed → FileChangedError', async () => {
    const [small, large] = files({ 'small.txt': 'abc', 'large.bin': randomBytes(2 * 1024 * 1024) });
    await expect(writeZip(join(base, 'a.zip'), [{ ...small!, size: 2 }], { level: 6, spoolDir: spool })).rejects.toBeInstanceOf(FileChangedError);
    await expect(writeZip(join(base, 'b.zip'), [{ ...large!, size: 1024 }], { level: 6, spoolDir: spool })).rejects.toBeInstanceOf(FileChangedError);
    expect(readdirSync(spool)).toEqual([]);
  });

  it('refuses what needs Zip64: over 65,535 entries, or a file over 4 GiB', async () => {
    const one: SourceFile = { name: 'x', abs: join(base, 'missing'), size: 1, mtimeMs: Date.now(), mode: 0o100644 };
    const many = Array.from({ length: 65_536 }, (_, i) => ({ ...one, name: `f${i}` }));
    await expect(writeZip(join(base, 'a.zip'), many, { level: 6, spoolDir: spool })).rejects.toBeInstanceOf(ZipLimitError);
    await expect(writeZip(join(base, 'b.zip'), [{ ...one, size: 2 ** 32 }], { level: 6, spoolDir: spool })).rejects.toThrow(/larger than 4 GiB/);
  });
});
