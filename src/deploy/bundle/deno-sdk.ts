// The Deno SDK offline. Projects written the official way import the SDK from deno.land through their
// import map (`deno-slack-sdk/` → https://deno.land/x/deno_slack_sdk@<v>/, `deno-slack-api/` →
// https://deno.land/x/deno_slack_api@<v>/). rosi never downloads code, and the emulator runs Deno with
// --no-remote, so those URLs are served from the one copy of the SDK that is on this machine: npm's
// `@slack/deno-slack-sdk`, a dnt build of the same sources. Its `esm/` tree is what a function bundle
// (run in Deno) takes, its `script/` tree (CommonJS) what rosi itself requires to read `manifest.ts`
// and trigger files in Node; deno_slack_api comes from the copy the package vendors under
// `deps/deno.land/x/deno_slack_api@<v>/`. A project that pins another version than the copy gets that
// copy's code: the build says so (see `substitutions`), it is never a silent difference.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** npm's package name of the Deno SDK. */
export const NPM_SDK = '@slack/deno-slack-sdk';

/** The deno.land modules the npm package can stand in for. */
export type DenoLandModule = 'deno_slack_sdk' | 'deno_slack_api';

/** An installed copy of `@slack/deno-slack-sdk`. */
export interface NpmSdk {
  /** The package folder. */
  root: string;
  version: string;
  /** Version of the deno_slack_api the package vendors. */
  apiVersion: string;
  /** The vendored deno_slack_api, relative to a tree (`esm/` or `script/`). */
  apiDir: string;
}

/** Which of the package's trees: `esm` for Deno bundles, `script` (CommonJS) for Node. */
export type SdkTree = 'esm' | 'script';

const DENO_LAND = /^https?:\/\/deno\.land\/x\/(deno_slack_sdk|deno_slack_api)@([^/]+)\/(.*)$/;

/**
 * The project's own copy of the SDK (its `node_modules`), else the one installed with rosi (a dependency
 * of rosi, so official-template projects, which have no `node_modules`, deploy offline too).
 * Undefined when neither can be found.
 */
export function findNpmSdk(projectRoot: string): NpmSdk | undefined {
  // __filename: dist/main.cjs in the shipped CLI, this file when run from the sources.
  for (const from of [join(projectRoot, 'package.json'), __filename]) {
    const sdk = sdkFrom(from);
    if (sdk) return sdk;
  }
  return undefined;
}

function sdkFrom(from: string): NpmSdk | undefined {
  let main: string;
  try {
    // The package exports only ".", which resolves to script/mod.js.
    main = createRequire(from).resolve(NPM_SDK);
  } catch {
    return undefined;
  }
  const root = dirname(dirname(main));
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
    const vendored = readdirSync(join(root, 'esm', 'deps', 'deno.land', 'x')).find((d) => d.startsWith('deno_slack_api@'));
    if (typeof pkg.version !== 'string' || !vendored) return undefined;
    return { root, version: pkg.version, apiVersion: vendored.slice('deno_slack_api@'.length), apiDir: join('deps', 'deno.land', 'x', vendored) };
  } catch {
    return undefined;
  }
}

/** A deno.land URL of the SDK or its API client, taken apart. */
export interface DenoLandImport {
  module: DenoLandModule;
  /** The version the URL pins, as written (`2.15.0`). */
  pinned: string;
  /** The path after the version (`mod.ts`, `types.ts`, `schema/mod.ts`). */
  path: string;
}

export function parseDenoLandUrl(url: string): DenoLandImport | undefined {
  const m = DENO_LAND.exec(url);
  return m ? { module: m[1] as DenoLandModule, pinned: m[2] as string, path: m[3] as string } : undefined;
}

/**
 * The file of the npm copy that stands for a deno.land module path: `mod.ts` → `<tree>/mod.js`,
 * `schema/types.ts` → `<tree>/schema/types.js`; for deno_slack_api, the same under the vendored copy.
 * Undefined when the copy has no such file (dnt emits `.js` for every `.ts` it compiled).
 */
export function npmFileFor(imp: DenoLandImport, sdk: NpmSdk, tree: SdkTree): string | undefined {
  const js = imp.path.replace(/\.(?:ts|tsx|mts|js|mjs)$/, '.js');
  const file = imp.module === 'deno_slack_sdk' ? join(sdk.root, tree, js) : join(sdk.root, tree, sdk.apiDir, js);
  try {
    return statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

/** One deno.land module the build serves from the npm copy, or could not. */
export interface SdkSubstitution {
  module: DenoLandModule;
  pinned: string;
  /** The version the npm copy has of that module; undefined when no copy was found. */
  used: string | undefined;
  /** Where that copy is (the package folder). */
  from: string | undefined;
}

/** What serving `imp` from `sdk` means for the record: the pinned version and the one used. */
export function substitutionOf(imp: DenoLandImport, sdk: NpmSdk | undefined): SdkSubstitution {
  const used = sdk && (imp.module === 'deno_slack_sdk' ? sdk.version : sdk.apiVersion);
  return { module: imp.module, pinned: imp.pinned, used, from: sdk?.root };
}

/** The deno.land SDK modules the import map points at, each once (an `imports` value per pin). */
export function importMapSubstitutions(map: { imports: Readonly<Record<string, string>> } | undefined, sdk: NpmSdk | undefined): SdkSubstitution[] {
  const out = new Map<string, SdkSubstitution>();
  for (const target of Object.values(map?.imports ?? {})) {
    const imp = parseDenoLandUrl(target);
    if (imp) out.set(`${imp.module}@${imp.pinned}`, substitutionOf(imp, sdk));
  }
  return [...out.values()];
}

/** True when the pin and the copy name the same version (`v2.15.1` and `2.15.1` are one). */
export function sameVersion(s: SdkSubstitution): boolean {
  return s.used !== undefined && s.pinned.replace(/^v/, '') === s.used.replace(/^v/, '');
}
