// Runs a few offline commands through the loaded bundle so V8 compiles rosi's start-up path
// (help, the argument parser, context, credentials) before its code cache is saved: the build
// does it for the Node that builds rosi, bin/load-bundle.cjs for any other Node on its first
// run. Output is discarded; a temporary HOME keeps the user's files out of it.
'use strict';
const { mkdirSync, mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const COMMANDS = [['--help'], ['auth', '--help'], ['auth', 'list'], ['auth', 'list', '--json'], ['__complete', 'teams'], ['auth', 'lsit']];

function fakeProcess(argv, home) {
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

async function warm(bundleExports) {
  const home = mkdtempSync(join(tmpdir(), 'rosi-warm-'));
  try {
    mkdirSync(join(home, '.slack'), { mode: 0o700 });
    const exp = Math.floor(Date.now() / 1000) + 40_000;
    writeFileSync(
      join(home, '.slack', 'credentials.json'),
      JSON.stringify({
        T0WARM0001: { token: 'placeholder', team_domain: 'warm', team_id: 'T0WARM0001', user_id: 'U0WARM0001', refresh_token: 'placeholder', exp },
      }),
    );
    for (const argv of COMMANDS) await bundleExports.main(fakeProcess(argv, home));
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

module.exports = { warm };
