// Loads dist/emulator.cjs, for the commands that start or read an emulator, through a V8 code cache, as
// bin/load-bundle.cjs loads dist/main.cjs: compiling the emulator's bundle was the largest single step of
// `rosi emulator`'s launch. The build keeps a cache for the Node that built rosi; any other Node makes its own
// at its first emulator's exit, in the user's cache folder, named by the bundle's size and mtime so that a
// rebuilt or upgraded rosi never takes another bundle's cache.
//
// V8 takes a cache only under the flags it was made with, and rosi's emulator commands run with flags of
// their own (src/main.ts sets one for streaming commands). So each cache is named by V8's version tag, which
// covers V8's version, its flags and the CPU's features: a start under other flags looks for another file,
// rather than being handed one V8 would reject.
'use strict';
const { accessSync, constants, mkdirSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');
const vm = require('node:vm');
const { readOrUndefined, userCacheDir, writeCache } = require('./load-bundle.cjs');

// The CommonJS loader's own class, as load-bundle.cjs takes it.
const Module = module.constructor;

/** V8's tag for the caches it accepts now. node:v8 is loaded already on the CLI's path (src/main.ts). */
const v8Tag = () => require('node:v8').cachedDataVersionTag();

/** The build's cache, for the Node (and flags) of the build's own emulator run. */
const buildCacheFile = (dir, tag = v8Tag()) => join(dir, `emulator.cjs.${tag}.cache`);

/** The one load of this process: the bundle holds state (the SQLite driver it loaded), so a second require shares it. */
let loaded;
let produce = false;

/**
 * For the build (scripts/warm-emulator-cache.cjs): the coming load offers no cache and saves none, so the build's
 * cache comes from a clean compile, made under the flags the command sets before it loads the emulator.
 */
function produceCache() {
  produce = true;
}

/**
 * The emulator bundle's exports, compiled with the cache that fits this Node and these flags when there is one.
 * `served` says which cache was offered: 'build', 'user' or none.
 */
function loadEmulator(dir) {
  if (loaded) return loaded;
  const file = join(dir, 'emulator.cjs');
  const tag = v8Tag();
  let cachedData;
  let served;
  let userCache;
  if (!produce) {
    cachedData = readOrUndefined(buildCacheFile(dir, tag));
    served = cachedData && 'build';
    if (!cachedData) {
      const { size, mtimeMs } = statSync(file);
      userCache = { dir: userCacheDir(), stale: `emulator.cjs.${tag}.`, name: `emulator.cjs.${tag}.${size}-${Math.trunc(mtimeMs)}.cache`, tag };
      cachedData = readOrUndefined(join(userCache.dir, userCache.name));
      served = cachedData && 'user';
    }
  }
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, dir);
  loaded = { exports: mod.exports, script, served };
  // Made at exit, so that what the run compiled (its launch, its first answers) is in the cache.
  if (userCache && (!cachedData || script.cachedDataRejected)) process.once('exit', () => saveUserCache(userCache, script));
  return loaded;
}

function saveUserCache(target, script) {
  // Flags changed since the load: this cache would be stamped with them, and the next start would not look for it.
  if (v8Tag() !== target.tag) return;
  try {
    mkdirSync(target.dir, { recursive: true, mode: 0o700 });
    accessSync(target.dir, constants.W_OK);
    writeCache(target, script.createCachedData());
  } catch {
    // A read-only or full cache folder costs only speed.
  }
}

module.exports = { loadEmulator, buildCacheFile, produceCache };
