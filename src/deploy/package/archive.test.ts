import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unzipFile } from '../../../test/helpers/unzip.js';
import { CancelledError } from '../../errors/cli-error.js';
import { createArchive, removeArchive, type ArchiveProgress } from './archive.js';

let base: string;
let zipTmp: string;
const savedTmp = process.env.TMPDIR;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'rosi-archive-test-'));
  // createArchive uses os.tmpdir(); a private one lets the tests see every file it leaves.
  zipTmp = join(base, 'tmp');
  mkdirSync(zipTmp);
  process.env.TMPDIR = zipTmp;
});
afterEach(() => {
  process.env.TMPDIR = savedTmp;
  if (savedTmp === undefined) delete process.env.TMPDIR;
  rmSync(base, { recursive: true, force: true });
});

function folder(files: Record<string, string | Buffer>): string {
  const dir = join(base, 'out');
  mkdirSync(dir, { recursive: true });
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  return dir;
}

describe('createArchive', () => {
  it('zips every file with /-separated names and no folder entries; links are stored as their file', async () => {
    const big = Buffer.from('a'.repeat(50_000));
    const out = folder({ 'manifest.json': '{"a":1}', 'functions/greet.js': 'export default 1', 'assets/img/icon.png': big, 'assets/empty.txt': '' });
    mkdirSync(join(out, 'empty-dir'));
    symlinkSync('functions/greet.js', join(out, 'alias.js'));
    const progress: ArchiveProgress[] = [];
    const archive = await createArchive(out, { onProgress: (p) => progress.push(p) });

    expect(dirname(archive.path)).toBe(join(zipTmp, basename(dirname(archive.path))));
    expect(basename(archive.path)).toMatch(/^rosi-deploy-\w+\.zip$/);
    const entries = await unzipFile(archive.path);
    expect([...entries.keys()]).toEqual(['alias.js', 'assets/empty.txt', 'assets/img/icon.png', 'functions/greet.js', 'manifest.json']);
    expect(entries.get('assets/img/icon.png')?.data).toEqual(big);
    expect(entries.get('alias.js')?.data.toString()).toBe('export default 1');
    expect(archive.files).toEqual([
      { name: 'alias.js', size: 16 },
      { name: 'assets/empty.txt', size: 0 },
      { name: 'assets/img/icon.png', size: 50_000 },
      { name: 'functions/greet.js', size: 16 },
      { name: 'manifest.json', size: 7 },
    ]);
    expect(archive.largest.map((f) => f.name)).toEqual(['assets/img/icon.png', 'alias.js', 'functions/greet.js', 'manifest.json', 'assets/empty.txt']);
    // Deflated: 50 KB of one letter takes a few hundred bytes.
    expect(archive.size).toBeLessThan(2000);
    expect(progress.at(-1)).toMatchObject({ filesDone: 5, filesTotal: 5, bytesRead: 50_039, bytesTotal: 50_039 });

    await removeArchive(archive.path);
    expect(readdirSync(zipTmp)).toEqual([]);
    await removeArchive(archive.path);
  });

  it('an empty folder makes a valid, empty zip', async () => {
    const archive = await createArchive(folder({}));
    expect((await unzipFile(archive.path)).size).toBe(0);
    expect(archive).toMatchObject({ files: [], largest: [] });
  });

  it('abort while zipping → CancelledError, and the temp file is gone', async () => {
    const files: Record<string, Buffer> = {};
    for (let i = 0; i < 8; i++) files[`blob-${i}.bin`] = randomBytes(4 * 1024 * 1024);
    const out = folder(files);
    const controller = new AbortController();
    const error = await createArchive(out, { signal: controller.signal, onProgress: () => controller.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect(readdirSync(zipTmp)).toEqual([]);
  });

  it('past maxBytes → bundle_too_large, and the temp file is gone', async () => {
    const out = folder({ 'random.bin': randomBytes(300_000) });
    await expect(createArchive(out, { maxBytes: 100_000 })).rejects.toMatchObject({
      code: 'bundle_too_large',
      message: expect.stringMatching(/^The app package is 300 KB \(300\d{3} bytes\), larger than the 100 KB limit$/),
      details: ['300 KB  random.bin (before compression)'],
    });
    expect(readdirSync(zipTmp)).toEqual([]);
  });

  it('a missing folder → archive_failed, nothing left behind', async () => {
    await expect(createArchive(join(base, 'nope'))).rejects.toMatchObject({ code: 'archive_failed' });
    expect(readdirSync(zipTmp)).toEqual([]);
    expect(existsSync(join(base, 'nope'))).toBe(false);
  });
});
