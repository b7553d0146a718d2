// Makes dist/emulator.cjs.<V8 tag>.cache (see bin/load-emulator.cjs) for the Node that runs the build. rosi's
// `emulator --port 0 --ephemeral` runs in this process, through the bundle as bin/rosi.js runs it, answers the
// requests a launch is first asked, and stops; the cache is then made with V8's flags as that command set them.
// A fresh process checks that its own launch is served that cache and that V8 accepts it.
// Usage: node scripts/warm-emulator-cache.cjs [--check]
'use strict';
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist');
const loader = require('../bin/load-emulator.cjs');
/** What a new emulator is asked first: a token's check (auth.test), and a method it does not serve (bench/emulator.mjs's api.test). */
const FIRST_REQUESTS = ['api.test', 'auth.test'];

/** `rosi emulator --port 0 --ephemeral` in this process, asked FIRST_REQUESTS, then stopped as by SIGTERM. */
async function launchAndStop() {
  const home = mkdtempSync(join(tmpdir(), 'rosi-warm-emulator-'));
  try {
    const signals = {};
    let firstLine;
    const listening = new Promise((resolve) => (firstLine = resolve));
    let out = '';
    const stdout = {
      isTTY: false,
      columns: 80,
      write: (s) => {
        out += s;
        if (out.includes('\n')) firstLine(out.slice(0, out.indexOf('\n')));
        return true;
      },
      on: () => stdout,
    };
    let err = '';
    const stderr = { isTTY: false, columns: 80, write: (s) => ((err += s), true), on: () => stderr };
    const proc = {
      argv: ['node', 'rosi', 'emulator', '--port', '0', '--ephemeral'],
      env: { HOME: home, PATH: process.env.PATH, NO_COLOR: '1', CI: '1' },
      stdout,
      stderr,
      stdin: { isTTY: false },
      platform: process.platform,
      cwd: () => home,
      on: (signal, fn) => (signals[signal] = fn),
      emitWarning: () => {},
      // An interrupted command's exit (130): main() then returns as a real process would have ended.
      exit: () => {},
    };
    const { exports } = require('../bin/load-bundle.cjs').loadBundle(dist);
    const ran = exports.main(proc);
    const url = await Promise.race([
      listening,
      ran.then((code) => {
        throw new Error(`rosi emulator exited ${code} before listening: ${err}`);
      }),
    ]);
    for (const method of FIRST_REQUESTS) await (await fetch(`${url}/api/${method}`, { method: 'POST' })).text();
    signals.SIGTERM();
    const code = await ran;
    if (code !== 0) throw new Error(`rosi emulator exited ${code}: ${err}`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

async function warm() {
  loader.produceCache();
  await launchAndStop();
  const { script } = loader.loadEmulator(dist);
  writeFileSync(loader.buildCacheFile(dist), script.createCachedData());
  assertAccepted();
}

/** A cache no launch is served, or one V8 rejects, costs every launch a full compile, silently: check it in a fresh process. */
function assertAccepted() {
  // Were it rejected, that process would keep a cache of its own: in a folder that goes with it.
  const cacheDir = mkdtempSync(join(tmpdir(), 'rosi-warm-emulator-cache-'));
  try {
    const r = require('node:child_process').spawnSync(process.execPath, [__filename, '--check'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, ROSI_CACHE_DIR: cacheDir },
    });
    if (r.stdout !== 'build false') throw new Error(`a launch is not served the build's emulator cache, or V8 rejects it (${r.stdout || r.stderr})`);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

async function check() {
  await launchAndStop();
  const { served, script } = loader.loadEmulator(dist);
  process.stdout.write(`${served} ${script.cachedDataRejected}`);
}

(process.argv.includes('--check') ? check() : warm()).catch((e) => {
  process.stderr.write(`warm-emulator-cache: ${e.stack}\n`);
  process.exitCode = 1;
});
