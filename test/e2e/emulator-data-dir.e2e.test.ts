import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRosi, startEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';

describe('rosi emulator and its data folder', () => {
  let home: string;
  let cleanup: () => void;
  let dataDir: string;
  const running: EmulatorHandle[] = [];
  beforeEach(() => {
    ({ home, cleanup } = tempHome());
    dataDir = mkdtempSync(join(tmpdir(), 'rosi-emu-dir-'));
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((e) => e.stop()));
    cleanup();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}-2`, { recursive: true, force: true });
  });
  const start = async (args: string[]) => {
    const emu = await startEmulator(args, home);
    running.push(emu);
    return emu;
  };

  it('refuses a second emulator on a folder a live one holds, naming both, with a command that works', async () => {
    const first = await start(['--data-dir', dataDir]);
    const r = await runRosi(['emulator', '--port', '0', '--data-dir', dataDir], { home });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`Another emulator (${first.url}) is using the data folder ${dataDir}`);
    const hint = /start this one with its own state: (rosi emulator .+)$/m.exec(r.stderr)?.[1];
    expect(hint).toBe(`rosi emulator --data-dir ${dataDir}-2 --port 0`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    // The hint, as printed (less the leading "rosi emulator"), starts one.
    const second = await start(hint!.split(' ').slice(2).filter((a, i, all) => !(a === '--port' || all[i - 1] === '--port')));
    expect(second.url).not.toBe(first.url);
  });

  it('refuses with the default folder too', async () => {
    await start([]);
    const r = await runRosi(['emulator', '--port', '0'], { home });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Another emulator \(http:\/\/127\.0\.0\.1:\d+\) is using the data folder .*emulator/);
  });

  it('takes the folder over once the holder has stopped, or was killed', async () => {
    const first = await start(['--data-dir', dataDir]);
    await first.stop();
    const second = await startEmulator(['--data-dir', dataDir], home);
    second.process.kill('SIGKILL');
    await new Promise((resolve) => second.process.once('exit', resolve));
    await start(['--data-dir', dataDir]);
  });
});
