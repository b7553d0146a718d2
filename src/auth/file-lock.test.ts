import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withFileLock } from './file-lock.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fileIn(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rosi-lock-'));
  dirs.push(dir);
  return join(dir, 'credentials.json');
}

const aMinuteAgo = () => new Date(Date.now() - 60_000);

describe('withFileLock: stale locks', () => {
  it.each([
    { name: 'a stale lock folder', make: (lock: string) => mkdirSync(lock) },
    { name: 'a stale lock that is a plain file', make: (lock: string) => writeFileSync(lock, '') },
  ])('$name is broken at once', async ({ make }) => {
    const file = fileIn();
    const lock = `${file}.lock`;
    make(lock);
    utimesSync(lock, aMinuteAgo(), aMinuteAgo());
    const started = Date.now();
    await expect(withFileLock(file, async () => 'held')).resolves.toBe('held');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(existsSync(lock)).toBe(false);
  });
});
