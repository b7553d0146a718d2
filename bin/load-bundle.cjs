// Loads dist/main.cjs through a V8 code cache (dist/main.cjs.cache, made by the build).
// Measured with bench/startup.mjs: `rosi auth list` 34 ms → 28 ms, `--help` 27 → 24 ms
// (bare node 20 ms). V8 checks the cache against the source and its own version and
// flags; a stale or foreign cache is rejected and the file compiles as usual.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const Module = require('node:module');
const vm = require('node:vm');

function loadBundle(dir, { produce = false } = {}) {
  const file = join(dir, 'main.cjs');
  let cachedData;
  if (!produce) {
    try {
      cachedData = readFileSync(`${file}.cache`);
    } catch {
      // No cache: compile as usual.
    }
  }
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), {
    filename: file,
    cachedData,
  });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(file), module, file, dir);
  return { exports: module.exports, script };
}

module.exports = { loadBundle };
