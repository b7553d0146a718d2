// Makes dist/main.cjs.<node version>-<arch>.cache (see bin/load-bundle.cjs) for the Node that
// runs the build, and checks in a fresh process that V8 accepts it.
'use strict';
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { buildCacheFile, loadBundle } = require('../bin/load-bundle.cjs');
const { warm } = require('../bin/warm-cache.cjs');

const dist = join(__dirname, '..', 'dist');

async function main() {
  const { exports, script } = loadBundle(dist, { produce: true });
  await warm(exports);
  // V8 stamps the cache with a hash of its flags and rejects it under others. main() set one
  // for command runs (src/main.ts); a normal start has the default when the cache is read.
  require('node:v8').setFlagsFromString('--semi-space-growth-factor=2');
  writeFileSync(buildCacheFile(dist), script.createCachedData());
  assertAccepted();
}

/** A cache V8 rejects costs every start a full compile, silently: check it in a fresh process. */
function assertAccepted() {
  const probe = `const { loadBundle } = require(${JSON.stringify(join(__dirname, '..', 'bin', 'load-bundle.cjs'))});
    process.stdout.write(String(loadBundle(${JSON.stringify(dist)}).script.cachedDataRejected));`;
  const r = require('node:child_process').spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  if (r.stdout !== 'false') throw new Error(`V8 rejects the code cache it was just given (${r.stdout || r.stderr}); were V8 flags changed while warming?`);
}

main().catch((e) => {
  process.stderr.write(`warm-cache: ${e.stack}\n`);
  process.exitCode = 1;
});
