import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeSnapshotFile } from './snapshot-file.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function folder(): string {
  const d = mkdtempSync(join(tmpdir(), 'rosi-snapshot-file-'));
  dirs.push(d);
  return d;
}
const NOW = new Date('2026-11-28T12:00:00Z');

describe('writing a snapshot file', () => {
  it('replaces the file whole, 0600, and leaves nothing beside it', async () => {
    const dir = folder();
    const file = join(dir, 'state.snapshot');
    writeFileSync(file, 'old', { mode: 0o644 });
    const size = await writeSnapshotFile(file, NOW, async (out) => {
      out.write('new ');
      out.end('bytes');
    });
    expect(size).toBe(9);
    expect(readFileSync(file, 'utf8')).toBe('new bytes');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['state.snapshot']);
  });

  it('a write that fails part-way leaves the old file as it was and removes what it wrote', async () => {
    const dir = folder();
    const file = join(dir, 'state.snapshot');
    writeFileSync(file, 'old');
    const failing = writeSnapshotFile(file, NOW, async (out) => {
      out.write('half of it');
      await new Promise((r) => setTimeout(r, 10));
      throw new Error('the source went away');
    });
    await expect(failing).rejects.toThrow('the source went away');
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['state.snapshot']);
  });

  it('removes the temporary files a killed write left, and leaves one another write is still filling', async () => {
    const dir = folder();
    const stale = join(dir, '.state.snapshot.0123456789ab.tmp');
    const fresh = join(dir, '.state.snapshot.ba9876543210.tmp');
    const other = join(dir, '.other.snapshot.0123456789ab.tmp');
    for (const f of [stale, fresh, other]) writeFileSync(f, 'partial');
    const old = new Date(NOW.getTime() - 10 * 60_000);
    utimesSync(stale, old, old);
    utimesSync(other, old, old);
    utimesSync(fresh, NOW, NOW);
    await writeSnapshotFile(join(dir, 'state.snapshot'), NOW, async (out) => void out.end('x'));
    expect(readdirSync(dir).sort()).toEqual(['.other.snapshot.0123456789ab.tmp', '.state.snapshot.ba9876543210.tmp', 'state.snapshot']);
  });

  it('a folder that is not there fails with the file system’s reason, and writes nothing', async () => {
    const dir = folder();
    await expect(writeSnapshotFile(join(dir, 'missing', 'x.snapshot'), NOW, async (out) => void out.end('x'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
