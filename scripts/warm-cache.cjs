// Makes dist/<file>.<node version>-<arch>.cache for each of the CLI's files (see
// bin/load-bundle.cjs) for the Node that runs the build, and checks in a fresh process that V8
// accepts every one.
'use strict';
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { PIECES, buildCacheFile, loadBundle } = require('../bin/load-bundle.cjs');
const { warm } = require('../bin/warm-cache.cjs');

const dist = join(__dirname, '..', 'dist');

async function main() {
  const bundle = loadBundle(dist, { produce: true });
  await warm(bundle.exports);
  // A file the warm-up did not reach still gets a cache, of its top level at least.
  const scripts = PIECES.map((p) => [p, bundle.piece(p)]);
  // V8 stamps the cache with a hash of its flags and rejects it under others. main() set one
  // for command runs (src/main.ts); a normal start has the default when the cache is read.
  require('node:v8').setFlagsFromString('--semi-space-growth-factor=2');
  for (const [piece, script] of scripts) writeFileSync(buildCacheFile(dist, piece), script.createCachedData());
  assertAccepted();
}

/** A cache V8 rejects costs every start a full compile, silently: check each in a fresh process. */
function assertAccepted() {
  const probe = `const { PIECES, loadBundle } = require(${JSON.stringify(join(__dirname, '..', 'bin', 'load-bundle.cjs'))});
    const bundle = loadBundle(${JSON.stringify(dist)});
    process.stdout.write(JSON.stringify(PIECES.filter((p) => bundle.piece(p).cachedDataRejected !== false)));`;
  const r = require('node:child_process').spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  if (r.stdout !== '[]') throw new Error(`V8 rejects the code cache it was just given (${r.stdout || r.stderr}); were V8 flags changed while warming?`);
}

main().catch((e) => {
  process.stderr.write(`warm-cache: ${e.stack}\n`);
  process.exitCode = 1;
});
