import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowLoopback, startInProcess } from '../../../test/helpers/in-process-emulator.js';
import { checkSnapshot, snapshotStreamCheck } from './format.js';

let bytes: Buffer;
let dir: string;
beforeAll(async () => {
  allowLoopback();
  const emu = await startInProcess();
  dir = mkdtempSync(join(tmpdir(), 'rosi-stream-check-'));
  await emu.running.state.save(createWriteStream(join(dir, 'a.snapshot')));
  await emu.running.close();
  bytes = readFileSync(join(dir, 'a.snapshot'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The stream check's verdict on `data` arriving in chunks of `size` bytes. */
function verdict(data: Buffer, size: number): string | undefined {
  const check = snapshotStreamCheck();
  for (let i = 0; i < data.length; i += size) check.update(data.subarray(i, i + size));
  return check.problem();
}

describe('a snapshot checked as it streams by', () => {
  it.each([1, 7, 71, 72, 73, 4096, 1 << 20])('is whole in chunks of %i bytes', (size) => {
    expect(verdict(bytes, size)).toBeUndefined();
  });

  it('is cut short when its end is missing, by a byte or by everything after the header', () => {
    expect(verdict(bytes.subarray(0, bytes.length - 1), 4096)).toMatch(/cut short/);
    expect(verdict(bytes.subarray(0, 200), 4096)).toMatch(/cut short|checksum does not match/);
    expect(verdict(Buffer.alloc(0), 4096)).toMatch(/not a rosi emulator snapshot/);
  });

  it('does not match when a byte changed, and is no snapshot when it does not start as one', () => {
    const flipped = Buffer.from(bytes);
    flipped[500] = (flipped[500] ?? 0) ^ 1;
    expect(verdict(flipped, 4096)).toMatch(/checksum does not match/);
    expect(verdict(Buffer.from('{"ok":false,"error":"not_found"}'), 4096)).toMatch(/not a rosi emulator snapshot/);
  });

  it('checkSnapshot reads the header of a whole file without unpacking it', async () => {
    const header = await checkSnapshot(join(dir, 'a.snapshot'));
    expect(header.entries[0]?.name).toBe('database');
  });
});
