import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../../../test/helpers/function-runtime.js';
import { findDeno } from './deno-path.js';

/** An executable file named deno in a folder of its own. */
function fakeDeno(mode = 0o755): { dir: string; path: string } {
  const dir = tempFolder();
  const path = join(dir, 'deno');
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, mode);
  return { dir, path };
}

const noNpm = async () => undefined;

describe('findDeno', () => {
  it('takes an explicit path first, and reports it when it is wrong rather than looking elsewhere', async () => {
    const onPath = fakeDeno();
    const named = fakeDeno();
    expect(await findDeno({ explicit: named.path, searchPath: onPath.dir, npmBinary: noNpm })).toEqual({ path: named.path, from: 'flag' });
    expect(await findDeno({ explicit: join(named.dir, 'nope'), searchPath: onPath.dir, npmBinary: noNpm })).toEqual({
      path: null,
      reason: `Deno was named as ${join(named.dir, 'nope')}, but there is no such file`,
    });
    expect(await findDeno({ explicit: named.dir, npmBinary: noNpm })).toMatchObject({ path: null, reason: expect.stringMatching(/that is not a file$/) });
  });

  it('then the npm package, then PATH', async () => {
    const npm = fakeDeno();
    const onPath = fakeDeno();
    expect(await findDeno({ searchPath: onPath.dir, npmBinary: async () => npm.path })).toEqual({ path: npm.path, from: 'npm' });
    expect(await findDeno({ searchPath: `relative:${onPath.dir}`, npmBinary: noNpm })).toEqual({ path: onPath.path, from: 'path' });
  });

  it('skips what cannot run, and says Deno is not installed when nothing is left', async () => {
    const notExecutable = fakeDeno(0o644);
    const emptyDir = tempFolder();
    mkdirSync(join(emptyDir, 'deno'));
    expect(await findDeno({ searchPath: [notExecutable.dir, emptyDir].join(':'), npmBinary: noNpm })).toEqual({
      path: null,
      reason: 'Functions run in Deno, which is not installed',
    });
  });

  it('finds the npm package’s Deno by default (rosi’s optional dependency)', async () => {
    const found = await findDeno({ searchPath: '' });
    // Where the optional install failed there is none: that is the point of the fallback.
    if (found.path !== null) expect(found).toMatchObject({ from: 'npm', path: expect.stringMatching(/deno$/) });
  });
});
