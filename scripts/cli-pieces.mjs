// Builds rosi's CLI as three CommonJS files that share one copy of every module (bin/load-bundle.cjs
// lists them and loads each through its own V8 code cache):
// - dist/main.cjs: what src/main.ts imports statically, so --version and help read nothing else;
// - dist/core.cjs: the runner (src/boot.ts: commander, the context, the credentials file) and the
//   run modules of the quick local commands, `auth list` and `__complete`;
// - dist/commands.cjs: everything else (the other commands' run modules, the API client, deploy).
// The one 460 KB bundle cost --help and auth list 4–5 ms to read and deserialise before main()
// ran; --help now reads 70 KB and auth list 140 KB.
// A module is built into one file only. An import of a module another file holds becomes a
// stand-in, `module.exports = require('./<file>').__shared[key]()`, and that file's entry hands
// the module out as `() => require(<module>)`: esbuild's lazy initialiser, run when the importer
// initialises, at the same point in the same order as in one bundle. Nothing is initialised
// because another file exists, and a class (CliError, Interrupt) has one identity everywhere.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { PIECES } = createRequire(import.meta.url)('../bin/load-bundle.cjs');

/** Each file and the modules whose static imports it holds; the last takes every module left. */
const ROOTS = {
  'main.cjs': ['src/main.ts'],
  'core.cjs': ['src/boot.ts', 'src/commands/auth/list.run.ts', 'src/commands/completion/complete.run.ts'],
  'commands.cjs': [],
};

/** A module's name in `__shared`: its path in the project, or in node_modules for a package. */
function keyOf(abs) {
  const at = abs.lastIndexOf('/node_modules/');
  return at >= 0 ? abs.slice(at + 1) : relative(ROOT, abs);
}

/** Modules reached from `roots` by static imports, without entering `taken`. */
function closure(graph, roots, taken) {
  const seen = new Set();
  const todo = roots.filter((r) => !taken.has(r));
  while (todo.length) {
    const m = todo.pop();
    if (seen.has(m)) continue;
    seen.add(m);
    for (const i of graph.get(m) ?? []) if (!i.dynamic && !seen.has(i.path) && !taken.has(i.path)) todo.push(i.path);
  }
  return seen;
}

/** The module graph of the CLI (absolute paths), from one build that writes nothing. */
async function moduleGraph(options) {
  const probe = await build({ ...options, entryPoints: ['src/main.ts'], write: false, metafile: true, outdir: 'dist', logLevel: 'silent' });
  const graph = new Map();
  for (const [file, input] of Object.entries(probe.metafile.inputs)) {
    if (file.includes(':')) continue;
    const edges = input.imports
      .filter((i) => !i.external && !i.path.includes(':'))
      .map((i) => ({ path: resolve(ROOT, i.path), dynamic: i.kind === 'dynamic-import' }));
    graph.set(resolve(ROOT, file), edges);
  }
  return graph;
}

/** Every module → its file, and per file the modules other files import from it. */
export function assignPieces(graph) {
  const pieceOf = new Map();
  const taken = new Set();
  for (const piece of PIECES) {
    const roots = piece === PIECES.at(-1) ? [...graph.keys()] : ROOTS[piece].map((r) => resolve(ROOT, r));
    for (const m of closure(graph, roots, taken)) {
      pieceOf.set(m, piece);
      taken.add(m);
    }
  }
  const shared = new Map(PIECES.map((p) => [p, new Set()]));
  for (const [m, edges] of graph) {
    for (const { path } of edges) if (pieceOf.get(path) !== pieceOf.get(m)) shared.get(pieceOf.get(path)).add(path);
  }
  return { pieceOf, shared };
}

/** Imports of a module another file holds → a stand-in that takes it from there. */
function fromOtherPieces(own, pieceOf) {
  return {
    name: 'from-other-pieces',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === 'entry-point' || args.pluginData?.inner || args.namespace === 'from-other-pieces') return undefined;
        const r = await b.resolve(args.path, { importer: args.importer, resolveDir: args.resolveDir, kind: args.kind, pluginData: { inner: true } });
        const piece = r.errors.length || r.external ? undefined : pieceOf.get(r.path);
        if (!piece || piece === own) return undefined;
        return { path: r.path, namespace: 'from-other-pieces', pluginData: { piece } };
      });
      b.onLoad({ filter: /.*/, namespace: 'from-other-pieces' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(`./${args.pluginData.piece}`)}).__shared[${JSON.stringify(keyOf(args.path))}]();`,
        loader: 'js',
      }));
      // The stand-ins' own require of another file stays a require, answered by bin/load-bundle.cjs.
      b.onResolve({ filter: /^\.\/[\w-]+\.cjs$/, namespace: 'from-other-pieces' }, (args) => ({ path: args.path, external: true }));
    },
  };
}

/**
 * `options` are esbuild's for the CLI (with the plugins that route its externals); the files land
 * in `options.outdir`.
 */
export async function buildCliPieces(options) {
  const { plugins = [], outdir, outExtension: _, entryPoints: __, ...rest } = options;
  const graph = await moduleGraph({ ...rest, plugins });
  const { pieceOf, shared } = assignPieces(graph);
  for (const piece of PIECES) {
    const handedOut = [...shared.get(piece)].sort().map((m) => `${JSON.stringify(keyOf(m))}: () => require(${JSON.stringify(m)})`);
    const entry = [
      ...(piece === PIECES[0] ? [`export * from ${JSON.stringify(resolve(ROOT, ROOTS[piece][0]))};`] : []),
      `export const __shared = { ${handedOut.join(', ')} };`,
    ].join('\n');
    await build({
      ...rest,
      stdin: { contents: entry, resolveDir: ROOT, sourcefile: `${piece.replace(/\.cjs$/, '')}-entry.js`, loader: 'js' },
      outfile: `${outdir}/${piece}`,
      plugins: [...plugins, fromOtherPieces(piece, pieceOf)],
    });
  }
}
