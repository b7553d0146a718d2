#!/usr/bin/env node
'use strict';
// CommonJS on purpose (bin/package.json): Node 20 starts a CJS file faster than an ES module.
if (process.argv.length === 3 && process.argv[2] === '--version') {
  // Answered before any module of the CLI loads.
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  const { loadBundle } = require('./load-bundle.cjs');
  const bundle = loadBundle(require('node:path').join(__dirname, '..', 'dist'));
  // stdout and stderr written straight to their descriptors unless they may be terminals.
  const proc = bundle.exports.cliProcess(process);
  bundle.exports.main(proc).then(async (code) => {
    process.exitCode = code;
    await bundle.saveCache();
    // The command is done. Once stdout has drained, a stray handle (undici keeps
    // reconnecting to a proxy that drops CONNECT: nodejs/undici#3897) must not keep
    // the process alive. With nothing left (a quick command) it ends now, without the timer (0.3 ms).
    proc.stdout.write('', () => {
      if (process.getActiveResourcesInfo().length) setTimeout(() => process.exit(code), 1000).unref();
    });
  });
}
