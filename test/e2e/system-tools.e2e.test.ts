import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempHome } from '../helpers/e2e.js';

let home: string;
let cleanup: () => void;
let bare: string;

beforeAll(() => {
  ({ home, cleanup } = tempHome());
  // A PATH with Node and nothing else: no bash, zsh, fish, chromium or java.
  bare = join(home, 'only-node');
  mkdirSync(bare);
  symlinkSync(process.execPath, join(bare, 'node'));
});
afterAll(() => cleanup());

/** Runs the completion tests in a child vitest, on a PATH that has only node. */
function runCompletionTests(env: Record<string, string>) {
  const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
  const childEnv: NodeJS.ProcessEnv = { HOME: home, PATH: bare, CI: '1', NO_COLOR: '1', ...env };
  return spawnSync(process.execPath, [vitest, 'run', '--project', 'e2e', 'test/e2e/completion.e2e.test.ts'], {
    cwd: ROOT,
    env: childEnv,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('tests that drive programs npm cannot install', () => {
  it('skip where the programs are missing, and the run ends saying which and why', () => {
    const r = runCompletionTests({});
    const out = r.stdout + r.stderr;
    expect(r.status, out).toBe(0);
    const line = out.split('\n').find((l) => l.startsWith('Skipped, programs not on PATH: '));
    expect(line, out).toBeDefined();
    for (const shell of ['bash', 'zsh', 'fish']) expect(line).toMatch(new RegExp(`${shell} → completion\\.e2e\\.test\\.ts \\(\\d+ tests\\)`));
    expect(line).toContain('apt-get install bash zsh fish');
    expect(line).toContain('ROSI_REQUIRE_SYSTEM_TOOLS=1 makes these fail instead.');
    // Printing the scripts needs no shell: those tests still ran.
    expect(out).toMatch(/Tests +3 passed \| \d+ skipped/);
  });

  it('fail instead with ROSI_REQUIRE_SYSTEM_TOOLS=1', () => {
    const r = runCompletionTests({ ROSI_REQUIRE_SYSTEM_TOOLS: '1' });
    const out = r.stdout + r.stderr;
    expect(r.status, out).toBe(1);
    expect(out).toContain('needs zsh, not on PATH (Debian: apt-get install zsh; .ci/run installs them); ROSI_REQUIRE_SYSTEM_TOOLS=1 requires them');
    expect(out).not.toContain('Skipped, programs not on PATH');
  });
});
