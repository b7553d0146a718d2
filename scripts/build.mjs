// Builds dist/ as an ESM bundle split at every dynamic import, so `--help` and
// `--version` load only the entry chunk and command handlers load on demand.
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { main: 'src/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  minify: false,
  logLevel: 'warning',
  define: { __ROSI_VERSION__: JSON.stringify(pkg.version) },
  // Native and optional modules stay outside the bundle.
  external: ['better-sqlite3', 'proper-lockfile'],
  banner: { js: "import{createRequire as __rosiCreateRequire}from'node:module';const require=__rosiCreateRequire(import.meta.url);" },
});
