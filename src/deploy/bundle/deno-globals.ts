// npm's Deno SDK is built with dnt for Node: it reaches Deno's API and the fetch family through two shims,
// `@deno/shim-deno` and `undici`, which import Node's `net`, `fs`, `worker_threads`… Bundled for Deno those
// fail to resolve, or bundle 1 MB of Node code that then fails at load (`Dynamic require of … is not
// supported`). Inside Deno the shims are not needed: Deno *is* what they imitate. So a function bundle
// takes these tiny modules in their place, which hand over Deno's own globals (measured on Deno 2.9.6:
// runtime contract §7).
import type { Plugin } from 'esbuild';

const NAMESPACE = 'rosi-deno-global';

/** What a shim's importers may name; each is the global of the same name in Deno. */
const FETCH_GLOBALS = ['fetch', 'Request', 'Response', 'Headers', 'FormData', 'File', 'Blob', 'WebSocket', 'EventSource', 'AbortController', 'AbortSignal'];

const STAND_INS: Record<string, string> = {
  '@deno/shim-deno': 'export const Deno = globalThis.Deno;\nexport default globalThis.Deno;\n',
  undici: `export const { ${FETCH_GLOBALS.join(', ')} } = globalThis;\nexport default { ${FETCH_GLOBALS.join(', ')} };\n`,
};

/** `@deno/shim-deno` (and its subpaths) and `undici` (and its subpaths): the packages Deno stands in for. */
const SHIM = /^(?:@deno\/shim-deno|undici)(?:\/.*)?$/;

/** Resolves the dnt shims to modules that re-export Deno's globals. For bundles that run in Deno only. */
export function denoGlobalsPlugin(): Plugin {
  return {
    name: 'rosi-deno-globals',
    setup(build) {
      build.onResolve({ filter: SHIM }, (args) => ({ path: args.path.startsWith('undici') ? 'undici' : '@deno/shim-deno', namespace: NAMESPACE }));
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({ contents: STAND_INS[args.path] ?? '', loader: 'js' }));
    },
  };
}
