// Brings other Node versions to this machine from npm's registry (the `node-<platform>-<arch>`
// packages carry the official binaries), so benchmarks and tests can run rosi on them offline
// afterwards. Usage: node scripts/fetch-node.mjs 22 24 26   → prints one node path per line.
// Kept in ${XDG_CACHE_HOME:-~/.cache}/rosi/node/<version>/; a version already there is reused.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const nodeCacheDir = (env = process.env) => join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'rosi', 'node');

/** The path of a node binary for `spec` (a major such as 22, or an exact version). */
export function fetchNode(spec, dir = nodeCacheDir()) {
  const pkg = `node-${process.platform}-${process.arch}`;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // Resolve the spec to a version first, so a cached copy is found without downloading.
  const versions = [JSON.parse(execFileSync(npm, ['view', `${pkg}@${spec}`, 'version', '--json'], { encoding: 'utf8' }))].flat();
  const version = versions.at(-1);
  const home = join(dir, version);
  const bin = join(home, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  const work = mkdtempSync(join(dir, '.fetch-'));
  try {
    execFileSync(npm, ['pack', `${pkg}@${version}`, '--silent', '--pack-destination', work], { stdio: ['ignore', 'ignore', 'inherit'] });
    const tgz = readdirSync(work).find((f) => f.endsWith('.tgz'));
    execFileSync('tar', ['xzf', join(work, tgz), '-C', work]);
    // Renamed into place whole, so a cut download never looks like an installed Node.
    renameSync(join(work, 'package'), home);
    return bin;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const spec of process.argv.slice(2)) process.stdout.write(`${fetchNode(spec)}\n`);
}
