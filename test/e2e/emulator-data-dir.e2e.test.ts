import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
    const second = await start(
      hint!
        .split(' ')
        .slice(2)
        .filter((a, i, all) => !(a === '--port' || all[i - 1] === '--port')),
    );
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

  describe('a folder or database it cannot use: the path, what is wrong and the fix, never "a bug"', () => {
    const refused = async (dir: string) => {
      const r = await runRosi(['emulator', '--port', '0', '--data-dir', dir], { home });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('(data_dir_unusable)');
      expect(r.stderr).not.toMatch(/bug in rosi|Unexpected error|\n\s+at /);
      return r.stderr;
    };
    /** Runs the `mv … && rosi emulator --data-dir …` a hint prints: the move by shell, the emulator as the suite starts it. */
    const followHint = async (stderr: string) => {
      const m = /\((mv .+?) && rosi emulator --data-dir (\S+)\)/.exec(stderr);
      expect(m, stderr).not.toBeNull();
      execFileSync('sh', ['-c', m![1]!]);
      await start(['--data-dir', m![2]!]);
    };

    it('a file where the folder should be', async () => {
      const file = join(dataDir, 'state');
      writeFileSync(file, 'not a folder');
      const err = await refused(file);
      expect(err).toContain(`The emulator's data folder ${file} is a file, not a folder`);
      await followHint(err);
    });

    it('a file where a parent folder should be', async () => {
      const file = join(dataDir, 'state');
      writeFileSync(file, 'not a folder');
      const err = await refused(join(file, 'emulator'));
      expect(err).toContain(`The emulator's data folder ${join(file, 'emulator')} cannot be made: ${file} is a file`);
      expect(err).toContain(`rosi emulator --data-dir ${file}-data`);
    });

    it('a corrupt database', async () => {
      writeFileSync(join(dataDir, 'emulator.db'), Buffer.alloc(8192, 7));
      const err = await refused(dataDir);
      expect(err).toContain(`${join(dataDir, 'emulator.db')} is not a usable emulator database (not a database)`);
      expect(err).toContain(`mv ${join(dataDir, 'emulator.db')} ${join(dataDir, 'emulator.db')}.broken && rosi emulator --data-dir ${dataDir}`);
      await followHint(err);
    });

    it('a folder where the database should be', async () => {
      mkdirSync(join(dataDir, 'emulator.db'));
      const err = await refused(dataDir);
      expect(err).toContain(`${join(dataDir, 'emulator.db')} is not a usable emulator database (a folder)`);
      await followHint(err);
    });

    it('a damaged lock file is replaced: it holds nothing but the lock', async () => {
      writeFileSync(join(dataDir, 'emulator.lock'), 'garbage');
      await start(['--data-dir', dataDir]);
    });

    it('a read-only folder', async (t) => {
      const dir = join(dataDir, 'ro');
      mkdirSync(dir);
      // root ignores permissions; an immutable folder stops it, where the system lets us set one.
      let undo: () => void;
      if (process.getuid?.() === 0) {
        try {
          execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
        } catch {
          return t.skip();
        }
        undo = () => execFileSync('chattr', ['-i', dir]);
      } else {
        chmodSync(dir, 0o555);
        undo = () => chmodSync(dir, 0o755);
      }
      try {
        const err = await refused(dir);
        expect(err).toMatch(new RegExp(`The emulator cannot write its data in ${dir}: (permission denied|it is read-only)`));
        expect(err).toContain(`chmod -R u+w ${dir}`);
      } finally {
        undo();
      }
    });
  });
});
