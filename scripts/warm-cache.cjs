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
  writeFileSync(join(dist, 'main.cjs.cache'), script.createCachedData());
}

main()
  .catch((e) => {
    process.stderr.write(`warm-cache: ${e.stack}\n`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(home, { recursive: true, force: true }));
