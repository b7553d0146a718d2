// Builds the CLI as CommonJS: dist/main.cjs, core.cjs and commands.cjs (rosi and commander, one
// copy of each module: scripts/cli-pieces.mjs), zod apart, and the emulator and rosi/testing.
// Measured on Node 20 (bench/startup): `rosi auth list` took 52 ms as an ESM bundle split
// into chunks and 38 ms as a single CJS file (bare node: 22 ms). Node 20's ESM loader
// reads and links every module asynchronously, which costs more than parsing one file.
// A few CommonJS files, each run from its own V8 code cache, keep that and read less: --help
// reads main.cjs only. Handlers still load lazily: their top-level code runs only when their
// command runs.
import { build } from 'esbuild';
import { copyFile, readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCliPieces } from './cli-pieces.mjs';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

/** Routes commander's `require('node:child_process')` to a lazy stand-in (see the file). */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes('node_modules/commander/') ? { path: fileURLToPath(new URL('./lazy-child-process.cjs', import.meta.url)) } : undefined,
    );
  },
};

/**
 * zod ships as its own file, required only when a module that validates with it first
 * runs: read-only commands such as `auth list` never load it.
 */
const zodApart = {
  name: 'zod-apart',
  setup(b) {
    b.onResolve({ filter: /^zod\/mini$/ }, () => ({ path: './zod.cjs', external: true }));
  },
};

/** The zod/mini names the sources use (`z.object`, …), so its bundle holds only those. */
async function zodEntry() {
  const { readdir } = await import('node:fs/promises');
  const files = (await readdir(new URL('../src', import.meta.url), { recursive: true })).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const names = new Set();
  for (const f of files) {
    const text = await readFile(new URL(`../src/${f}`, import.meta.url), 'utf8');
    if (!text.includes("from 'zod/mini'")) continue;
    for (const m of text.matchAll(/\bz\.([A-Za-z_$][\w$]*)/g)) names.add(m[1]);
  }
  const runtime = await import('zod/mini');
  const used = [...names].filter((n) => n in runtime).sort();
  return `export { ${used.join(', ')} } from 'zod/mini';\n`;
}

/**
 * The emulator is its own bundle, dist/emulator.cjs, loaded only by `rosi emulator`, through its V8 code cache
 * (bin/load-emulator.cjs): the import becomes a small module that asks that loader for it. Only an import that
 * resolves to src/emulator/index is routed there: the emulator command group's own index.js is not it.
 */
const EMULATOR_ENTRY = fileURLToPath(new URL('../src/emulator/index.js', import.meta.url));
const emulatorApart = {
  name: 'emulator-apart',
  setup(b) {
    b.onResolve({ filter: /\/emulator\/index\.js$/ }, (args) =>
      args.importer.includes('/src/commands/') && resolve(args.resolveDir, args.path) === EMULATOR_ENTRY
        ? { path: 'emulator', namespace: 'emulator-apart' }
        : undefined,
    );
    b.onResolve({ filter: /^\.\.\/bin\/load-emulator\.cjs$/, namespace: 'emulator-apart' }, (args) => ({ path: args.path, external: true }));
    // __dirname is dist/, where main.cjs runs; the loader is required from there, as shipped.
    b.onLoad({ filter: /.*/, namespace: 'emulator-apart' }, () => ({
      contents: "module.exports = require('../bin/load-emulator.cjs').loadEmulator(__dirname).exports;",
      loader: 'js',
    }));
  },
};

/**
 * `import text from './file.js?raw'`: the file's text, as vitest reads it in the sources. The
 * emulator's Deno harness (src/emulator/runtime/deno-harness.ts) ships this way, inside the
 * bundle, and is written out beside the bundles it runs.
 */
const rawText = {
  name: 'raw-text',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: fileURLToPath(new URL(args.path.slice(0, -'?raw'.length).replace(/\.js$/, '.ts'), `file://${args.resolveDir}/`)),
      namespace: 'raw-text',
    }));
    b.onLoad({ filter: /.*/, namespace: 'raw-text' }, async (args) => ({ contents: await readFile(args.path, 'utf8'), loader: 'text' }));
  },
};

// `supported: dynamic-import false` turns import() of the external pieces into require():
// the bundle runs from a V8 code cache (bin/load-bundle.cjs), where import() has no loader.
const common = {
  supported: { 'dynamic-import': false },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  minify: true,
  logLevel: 'warning',
  outExtension: { '.js': '.cjs' },
};

await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  ...common,
  stdin: { contents: await zodEntry(), resolveDir: fileURLToPath(new URL('..', import.meta.url)), loader: 'js' },
  outfile: 'dist/zod.cjs',
});
await buildCliPieces({
  ...common,
  outdir: 'dist',
  define: { __ROSI_VERSION__: JSON.stringify(pkg.version) },
  plugins: [lazyChildProcess, zodApart, emulatorApart],
  // Loaded from node_modules only when needed: the lock library when credentials are
  // written, undici when a proxy is configured, deploy's bundler and ignore rules, and `open`
  // when a page is opened in a browser (ESM only: the require() that import() becomes loads it
  // as ESM, which Node does from 20.19 on).
  external: ['better-sqlite3', 'proper-lockfile', 'undici', 'esbuild', 'ignore', 'open'],
});
// deno: the npm package's lookup of its binary runs from node_modules, where the binary is.
await build({
  ...common,
  entryPoints: { emulator: 'src/emulator/index.ts' },
  outdir: 'dist',
  plugins: [zodApart, rawText],
  external: ['better-sqlite3', 'yauzl', 'deno'],
});

/**
 * rosi/testing: an ES module for an app's own test suite (dist/testing.js), its types the hand-kept
 * src/testing/public-api.ts as they are (declarations only; src/testing/public-api.test.ts checks the module
 * matches them). Its in-process emulator is dist/emulator.cjs, loaded only when one starts: one copy of the
 * emulator, with its Deno harness and console beside it, and importing rosi/testing costs no SQLite.
 */
const TESTING_EMULATOR = fileURLToPath(new URL('../src/emulator/index.ts', import.meta.url));
const testingEmulatorApart = {
  name: 'testing-emulator-apart',
  setup(b) {
    b.onResolve({ filter: /\/emulator\/index\.js$/ }, (args) =>
      args.importer.includes('/src/testing/') && resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts') === TESTING_EMULATOR
        ? { path: './emulator.cjs', external: true }
        : undefined,
    );
  },
};
await build({
  entryPoints: { testing: 'src/testing/index.ts' },
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [testingEmulatorApart],
});
await copyFile(new URL('../src/testing/public-api.ts', import.meta.url), new URL('../dist/testing.d.ts', import.meta.url));

// Compile the start-up path once and keep V8's code cache beside the bundle.
const { spawnSync } = await import('node:child_process');
const warm = spawnSync(process.execPath, [fileURLToPath(new URL('./warm-cache.cjs', import.meta.url))], { stdio: 'inherit' });
if (warm.status !== 0) throw new Error('warm-cache failed');
// The emulator's console: browser code and its styles, served from dist/console/ by `rosi emulator` only.
// Preact (see README "The console": sizes and first paint measured against the alternatives).
await build({
  entryPoints: { console: 'src/emulator/console/ui/main.tsx' },
  outdir: 'dist/console',
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  minify: true,
  sourcemap: 'linked',
  logLevel: 'warning',
});
// The emulator's own code cache, made by a launch of it (scripts/warm-emulator-cache.cjs); its console is built by now.
const warmEmulator = spawnSync(process.execPath, [fileURLToPath(new URL('./warm-emulator-cache.cjs', import.meta.url))], { stdio: 'inherit' });
if (warmEmulator.status !== 0) throw new Error('warm-emulator-cache failed');
