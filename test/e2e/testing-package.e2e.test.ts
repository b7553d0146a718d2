// rosi/testing as it ships: the built module resolved through package.json "exports" (as a user's import finds
// it), its types the declared ones, the sample suite type-checked against them, and the CLI not carrying any of it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/e2e.js';

const node = (code: string) => spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });

describe('rosi/testing as built', () => {
  it('resolves through the package’s exports and starts an emulator in the process that imports it', () => {
    const r = node(
      "const t = await import('rosi/testing'); const e = await t.startEmulator(); const ok = (await fetch(e.apiUrl + 'api.test')).ok; await e.close(); console.log(JSON.stringify({ names: Object.keys(t).sort(), process: e.process, ok }));",
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ names: ['RosiTestingError', 'findDeno', 'startEmulator'], process: 'in-process', ok: true });
    // On a Node with node:sqlite (22.13+), loading it warns; a suite's output is the suite's, not rosi's.
    expect(r.stderr).not.toContain('ExperimentalWarning');
  });

  it('ships the declared types as dist/testing.d.ts, and the sample suite type-checks against them', () => {
    expect(readFileSync(join(ROOT, 'dist', 'testing.d.ts'), 'utf8')).toBe(readFileSync(join(ROOT, 'src', 'testing', 'public-api.ts'), 'utf8'));
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'examples/hello-rosi/test'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(tsc.status, tsc.stdout).toBe(0);
  }, 60_000);

  it('is not in the CLI’s bundle, and loads no SQLite until an emulator starts', () => {
    expect(readFileSync(join(ROOT, 'dist', 'main.cjs'), 'utf8')).not.toContain('rosi-testing-');
    const r = node(
      "await import('rosi/testing'); const { createRequire } = await import('node:module'); console.log(Object.keys(createRequire(import.meta.url).cache).filter((f) => /sqlite|emulator\\.cjs/.test(f)).length);",
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('0');
  });
});
