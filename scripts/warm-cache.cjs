// Makes dist/main.cjs.cache: runs a few offline commands in one process so V8 compiles
// the start-up path (help, the argument parser, context, credentials), then saves the
// compiled code. Run by the build; output of the commands is discarded.
'use strict';
const { mkdtempSync, mkdirSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { loadBundle } = require('../bin/load-bundle.cjs');

const dist = join(__dirname, '..', 'dist');
const home = mkdtempSync(join(tmpdir(), 'rosi-warm-'));

function fakeProcess(argv) {
  const sink = { isTTY: false, columns: 80, write: () => true, on: () => sink };
  return {
    argv: ['node', 'rosi', ...argv],
    env: { HOME: home, PATH: process.env.PATH, NO_COLOR: '1' },
    stdout: sink,
    stderr: sink,
    stdin: { isTTY: false },
    platform: process.platform,
    cwd: () => home,
    on: () => {},
    exit: (code) => {
      throw new Error(`exit ${code}`);
    },
  };
}

async function main() {
  mkdirSync(join(home, '.slack'), { mode: 0o700 });
  const exp = Math.floor(Date.now() / 1000) + 40_000;
  writeFileSync(join(home, '.slack', 'credentials.json'), JSON.stringify({
    T0WARM0001: { token: 'placeholder', team_domain: 'warm', team_id: 'T0WARM0001', user_id: 'U0WARM0001', refresh_token: 'placeholder', exp },
  }));
  const { exports, script } = loadBundle(dist, { produce: true });
  for (const argv of [['--help'], ['auth', '--help'], ['auth', 'list'], ['auth', 'list', '--json'], ['__complete', 'teams'], ['auth', 'lsit']]) {
    await exports.main(fakeProcess(argv));
  }
  // V8 stamps the cache with a hash of its flags and rejects it under others. main() set one
  // for command runs (src/main.ts); a normal start has the default when the cache is read.
  require('node:v8').setFlagsFromString('--semi-space-growth-factor=2');
  writeFileSync(join(dist, 'main.cjs.cache'), script.createCachedData());
  assertAccepted();
}

/** A cache V8 rejects costs every start a full compile, silently: check it in a fresh process. */
function assertAccepted() {
  const probe = `const { loadBundle } = require(${JSON.stringify(join(__dirname, '..', 'bin', 'load-bundle.cjs'))});
    process.stdout.write(String(loadBundle(${JSON.stringify(dist)}).script.cachedDataRejected));`;
  const r = require('node:child_process').spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  if (r.stdout !== 'false') throw new Error(`V8 rejects the code cache it was just given (${r.stdout || r.stderr}); were V8 flags changed while warming?`);
}

main()
  .catch((e) => {
    process.stderr.write(`warm-cache: ${e.stack}\n`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(home, { recursive: true, force: true }));
