// Loads the CLI's files (PIECES, built by scripts/cli-pieces.mjs) through V8 code caches:
// dist/main.cjs at once, the others when a module first needs one of theirs.
// Measured with bench/startup.mjs: `rosi auth list` 34 ms → 28 ms, `--help` 27 → 24 ms
// (bare node 20 ms). V8 accepts a cache only from its own version with the same flags, so
// the build's caches (dist/<file>.<node version>-<arch>.cache) serve the Node that built
// rosi, and any other Node gets its own, made from its first run and kept in the user's
// cache folder (userCacheDir below). V8 checks little more than the source's length, so those
// files' names also carry the file's size and mtime: a rebuilt or upgraded rosi never picks
// up another build's cache.
'use strict';
const {
  accessSync,
  closeSync,
  constants,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} = require('node:fs');
const { join } = require('node:path');
// The CommonJS loader's own class: requiring the public node:module would load it (0.5 ms).
const Module = module.constructor;
const vm = require('node:vm');

/** The CLI's files, in the order a command reaches them; the build makes exactly these. */
const PIECES = ['main.cjs', 'core.cjs', 'commands.cjs'];

const runtime = `${process.version}-${process.arch}`;

/** The build's cache of one of the CLI's files for the Node that built rosi. */
const buildCacheFile = (dir, piece = 'main.cjs') => join(dir, `${piece}.${runtime}.cache`);

/** Where caches made at run time live: the platform's cache folder, never the config folder. */
function userCacheDir(env = process.env) {
  const home = require('node:os').homedir();
  if (env.ROSI_CACHE_DIR) return env.ROSI_CACHE_DIR;
  if (process.platform === 'darwin') return join(home, 'Library', 'Caches', 'rosi');
  if (process.platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'rosi', 'Cache');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'rosi');
}

function readOrUndefined(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Compiles and runs dist/main.cjs; the other files load when a module requires them (their
 * modules initialise only when first imported, as in one bundle). `saveCache()` keeps a cache
 * for this Node of each file that loaded without one (call it once the command is done, so
 * the functions it ran are in the cache). `loaded()` names the files read so far.
 */
function loadBundle(dir, { produce = false } = {}) {
  const pieces = new Map();
  const load = (name) => {
    const file = join(dir, name);
    let cachedData;
    let runtimeCache;
    if (!produce) {
      cachedData = readOrUndefined(buildCacheFile(dir, name));
      if (!cachedData) {
        const { size, mtimeMs } = statSync(file);
        runtimeCache = { dir: userCacheDir(), stale: `${name}.${runtime}.`, name: `${name}.${runtime}.${size}-${Math.trunc(mtimeMs)}.cache` };
        cachedData = readOrUndefined(join(runtimeCache.dir, runtimeCache.name));
      }
    }
    const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
    const module = { exports: {} };
    const piece = { script, module, cachedData, runtimeCache };
    // Set before it runs: a file that requires one being loaded gets its exports, as require() does.
    pieces.set(name, piece);
    const nodeRequire = Module.createRequire(file);
    // The files find each other here: Node's loader knows none of them (they run from V8's cache).
    const require = (id) => {
      const other = id.startsWith('./') ? id.slice(2) : '';
      return PIECES.includes(other) ? (pieces.get(other) ?? load(other)).module.exports : nodeRequire(id);
    };
    require.resolve = nodeRequire.resolve;
    script.runInThisContext().call(module.exports, module.exports, require, module, file, dir);
    return piece;
  };
  const main = load(PIECES[0]).module.exports;
  const saveCache = async () => {
    const wanted = () => [...pieces.values()].filter((p) => p.runtimeCache && !(p.cachedData && !p.script.cachedDataRejected));
    // A command that changed V8's flags would stamp the cache with them, and V8 would then
    // reject it at every normal start.
    const safe = () => !main.codeCacheSafe || main.codeCacheSafe();
    if (!wanted().length || !safe()) return;
    try {
      const cacheDir = userCacheDir();
      // Checked before warming, so a read-only cache folder does not cost every run the warm-up.
      mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
      accessSync(cacheDir, constants.W_OK);
      // Warmed as the build warms its own caches, so every command starts as fast as on the
      // Node that built rosi, whichever command ran first (the warm-up loads what it runs).
      await require('./warm-cache.cjs').warm(main);
      if (!safe()) return;
      for (const p of wanted()) writeCache(p.runtimeCache, p.script.createCachedData());
    } catch {
      // A read-only or full cache folder costs only speed.
    }
  };
  /** One of the files, loaded now if it has not been: for the build's caches and their checks. */
  const piece = (name) => (pieces.get(name) ?? load(name)).script;
  return { exports: main, script: pieces.get(PIECES[0]).script, piece, loaded: () => [...pieces.keys()], saveCache };
}

/**
 * Atomically, 0600 in a 0700 folder; the other caches named `stale…` (the file's older builds for
 * this Node) are removed.
 */
function writeCache({ dir, stale, name }, data) {
  const target = join(dir, name);
  const temp = `${target}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, target);
  for (const old of readdirSync(dir)) {
    if (old !== name && old.startsWith(stale) && old.endsWith('.cache')) rmSync(join(dir, old), { force: true });
  }
}

module.exports = { loadBundle, buildCacheFile, userCacheDir, readOrUndefined, writeCache, PIECES };
