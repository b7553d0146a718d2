import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseEnv, ROOT, tempHome } from '../helpers/e2e.js';

// `npm run demo` is the first thing a new user runs, so it is tested like any command.
describe('npm run demo', () => {
  it('runs every step of the main job on the embedded emulator and exits 0', () => {
    const { home, cleanup } = tempHome();
    try {
      const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'demo.mjs')], { cwd: ROOT, env: baseEnv(home), encoding: 'utf8', timeout: 120_000 });
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain('Demo finished: every step did what it should.');
      expect(r.stdout).not.toMatch(/xox[a-z]-/);
    } finally {
      cleanup();
    }
  }, 130_000);
});
