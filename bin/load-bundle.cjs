// Loads dist/main.cjs through a V8 code cache.
// Measured with bench/startup.mjs: `rosi auth list` 34 ms → 28 ms, `--help` 27 → 24 ms
// (bare node 20 ms). V8 accepts a cache only from its own version with the same flags, so
// the build's cache (dist/main.cjs.<node version>-<arch>.cache) serves the Node that built
// rosi, and any other Node gets one of its own, made from its first run and kept in the
// user's cache folder (codeCacheFile below). V8 checks little more than the source's length,
// so that file's name also carries the bundle's size and mtime: a rebuilt or upgraded rosi
// never picks up another bundle's cache.
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

const runtime = `${process.version}-${process.arch}`;

/** The build's cache for the Node that built rosi. */
const buildCacheFile = (dir) => join(dir, `main.cjs.${runtime}.cache`);

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
 * Compiles and runs the bundle. `saveCache()` keeps a cache for this Node when none served
 * this start (call it once the command is done, so the functions it ran are in the cache).
 */
function loadBundle(dir, { produce = false } = {}) {
  const file = join(dir, 'main.cjs');
  let cachedData;
  let runtimeCache;
  if (!produce) {
    cachedData = readOrUndefined(buildCacheFile(dir));
    if (!cachedData) {
      const { size, mtimeMs } = statSync(file);
      runtimeCache = { dir: userCacheDir(), name: `main.cjs.${runtime}.${size}-${Math.trunc(mtimeMs)}.cache` };
      cachedData = readOrUndefined(join(runtimeCache.dir, runtimeCache.name));
    }
  }
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(file), module, file, dir);
  const saveCache = async () => {
    if (!runtimeCache || (cachedData && !script.cachedDataRejected)) return;
    // A command that changed V8's flags would stamp the cache with them, and V8 would then
    // reject it at every normal start.
    if (module.exports.codeCacheSafe && !module.exports.codeCacheSafe()) return;
    try {
      // Checked before warming, so a read-only cache folder does not cost every run the warm-up.
      mkdirSync(runtimeCache.dir, { recursive: true, mode: 0o700 });
      accessSync(runtimeCache.dir, constants.W_OK);
      // Warmed as the build warms its own cache, so every command starts as fast as on the
      // Node that built rosi, whichever command ran first.
      await require('./warm-cache.cjs').warm(module.exports);
      if (module.exports.codeCacheSafe && !module.exports.codeCacheSafe()) return;
      writeCache(runtimeCache, script.createCachedData());
    } catch {
      // A read-only or full cache folder costs only speed.
    }
  };
  return { exports: module.exports, script, saveCache };
}

/** Atomically, 0600 in a 0700 folder; caches of older bundles for this Node are removed. */
function writeCache({ dir, name }, data) {
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
    if (old !== name && old.startsWith(`main.cjs.${runtime}.`) && old.endsWith('.cache')) rmSync(join(dir, old), { force: true });
  }
}

module.exports = { loadBundle, buildCacheFile, userCacheDir };
