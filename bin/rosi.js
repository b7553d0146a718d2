#!/usr/bin/env node
'use strict';
// CommonJS on purpose (bin/package.json): Node 20 starts a CJS file faster than an ES module.
if (process.argv.length === 3 && process.argv[2] === '--version') {
  // Answered before any module of the CLI loads.
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  require('../dist/main.cjs')
    .main(process)
    .then((code) => {
      process.exitCode = code;
    });
}
