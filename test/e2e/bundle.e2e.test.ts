import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT, runRosi, tempHome } from '../helpers/e2e.js';

const require = createRequire(import.meta.url);

it('the built bundle loads from its V8 code cache (a rejected cache would only cost speed)', () => {
  const { loadBundle } = require(join(ROOT, 'bin', 'load-bundle.cjs')) as {
    loadBundle(dir: string): { exports: { main: unknown }; script: { cachedDataRejected?: boolean } };
  };
  const { exports, script } = loadBundle(join(ROOT, 'dist'));
  expect(typeof exports.main).toBe('function');
  expect(script.cachedDataRejected).toBe(false);
});

it('--version prints the package version; --help lists every visible group', async () => {
  const { home, cleanup } = tempHome();
  try {
    const pkg = require(join(ROOT, 'package.json')) as { version: string };
    expect((await runRosi(['--version'], { home })).stdout).toBe(`${pkg.version}\n`);
    const help = await runRosi(['--help'], { home });
    expect(help.code).toBe(0);
    for (const word of ['login', 'logout', 'auth', 'emulator', 'completion']) expect(help.stdout).toMatch(new RegExp(`^  ${word} `, 'm'));
    expect(help.stdout).not.toContain('__complete');
    expect(help.stderr).toBe('');
  } finally {
    cleanup();
  }
});
