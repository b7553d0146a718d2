import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { BuildFailure, Message, OnResolveArgs, OnResolveResult, Plugin, PluginBuild } from 'esbuild';
import { CliError } from '../../errors/cli-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import { isObject } from '../../lib/is-object.js';
import { NPM_SDK, npmFileFor, parseDenoLandUrl, substitutionOf, type DenoLandImport, type NpmSdk, type SdkSubstitution, type SdkTree } from './deno-sdk.js';

/** Specifiers Deno loads itself at run time; rosi never fetches them. */
export const REMOTE_SPECIFIER = /^(?:https?|npm|jsr):/;

/** A Deno import map: bare specifier (or prefix ending in `/`) → target, relative to `base`. */
export interface ImportMap {
  imports: Readonly<Record<string, string>>;
  /** The folder relative targets are resolved against (the map file's folder). */
  base: string;
}

/**
 * The project's Deno import map, so `import "deno-slack-sdk/mod.ts"` style bare specifiers
 * resolve as Deno would: `imports` of `deno.json`/`deno.jsonc` (or the file its
 * `importMap` names), else `import_map.json`. Undefined when the project has none.
 */
export async function readImportMap(root: string): Promise<ImportMap | undefined> {
  for (const name of ['deno.json', 'deno.jsonc']) {
    const config = await readJsonc(join(root, name));
    if (config === undefined) continue;
    if (isObject(config.imports)) return { imports: strings(config.imports), base: root };
    if (typeof config.importMap === 'string' && !REMOTE_SPECIFIER.test(config.importMap)) return fromMapFile(resolve(root, config.importMap));
  }
  return fromMapFile(join(root, 'import_map.json'));
}

/** How the Deno SDK's deno.land URLs are served from npm's copy (deno-sdk.ts). */
export interface SdkOptions {
  /** The copy found; undefined when none is installed (the URLs are then remote like any other). */
  copy: NpmSdk | undefined;
  /** `esm` for a bundle Deno runs (bundled in), `script` for code rosi runs in Node (required from the package). */
  tree: SdkTree;
  /** Told of every deno.land SDK module served (or not) from the copy. */
  onSubstitute?: (s: SdkSubstitution) => void;
}

/**
 * Resolves bare specifiers through the import map, keeps `node:` imports as they are, and
 * treats remote specifiers (`https:`, `npm:`, `jsr:`, also when an import map points at
 * one) as `external` (left for Deno to load) or as an `error` (for code rosi must run).
 * With `sdk`, the Deno SDK's deno.land URLs come from npm's `@slack/deno-slack-sdk` instead,
 * and `@slack/deno-slack-sdk` itself, when the project has not installed it, from rosi's copy.
 */
export function denoResolvePlugin(opts: { importMap: ImportMap | undefined; remote: 'external' | 'error'; sdk?: SdkOptions }): Plugin {
  const { sdk } = opts;
  return {
    name: 'rosi-deno-resolve',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (isAbsolute(args.path)) return undefined;
        if (args.path.startsWith('node:')) return { path: args.path, external: true };
        if (sdk && args.path === NPM_SDK && (args.pluginData as { rosiSdk?: boolean } | undefined)?.rosiSdk !== true) {
          return npmSdkImport(args, sdk, (path, o) => build.resolve(path, o));
        }
        const mapped = opts.importMap ? mapSpecifier(args.path, opts.importMap) : undefined;
        const target = mapped ?? args.path;
        const denoLand = sdk ? parseDenoLandUrl(target) : undefined;
        if (sdk && denoLand) {
          sdk.onSubstitute?.(substitutionOf(denoLand, sdk.copy));
          if (sdk.copy) return fromNpmCopy(args.path, target, denoLand, sdk.copy, sdk.tree);
        }
        if (REMOTE_SPECIFIER.test(target)) {
          if (opts.remote === 'external') return { path: target, external: true };
          const missing = denoLand ? ` (and ${NPM_SDK}, which rosi would use in its place, is not installed)` : '';
          return {
            errors: [
              { text: `Cannot load the remote module "${target}"${mapped ? ` (mapped from "${args.path}")` : ''}: rosi does not download code${missing}` },
            ],
          };
        }
        if (mapped !== undefined) return { path: mapped };
        return undefined;
      });
    },
  };
}

/** `@slack/deno-slack-sdk`: the project's own copy when it has one (as esbuild finds it), else rosi's. */
async function npmSdkImport(args: OnResolveArgs, sdk: SdkOptions, resolveAgain: PluginBuild['resolve']): Promise<OnResolveResult> {
  const own = await resolveAgain(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { rosiSdk: true } });
  if (own.errors.length === 0) return own.external ? { path: own.path, external: true } : { path: own.path };
  if (!sdk.copy) return { errors: own.errors };
  const main = join(sdk.copy.root, sdk.tree, 'mod.js');
  return sdk.tree === 'script' ? { path: main, external: true } : { path: main };
}

function fromNpmCopy(specifier: string, url: string, imp: DenoLandImport, copy: NpmSdk, tree: SdkTree): OnResolveResult {
  const file = npmFileFor(imp, copy, tree);
  if (!file) {
    const version = imp.module === 'deno_slack_sdk' ? copy.version : copy.apiVersion;
    return {
      errors: [
        {
          text: `"${specifier}" (${url}) has no counterpart in ${NPM_SDK} ${copy.version} (${imp.module} ${version}), which rosi builds the Deno SDK from offline`,
        },
      ],
    };
  }
  // In Node, the package's CommonJS files are required where they are, with their own dependencies.
  return tree === 'script' ? { path: file, external: true } : { path: file };
}

/** The import map's answer for `specifier`: an exact key, else the longest matching `prefix/` key. */
export function mapSpecifier(specifier: string, map: ImportMap): string | undefined {
  let target = map.imports[specifier];
  if (target === undefined) {
    let best = '';
    for (const key of Object.keys(map.imports)) {
      if (key.endsWith('/') && specifier.startsWith(key) && key.length > best.length) best = key;
    }
    if (!best) return undefined;
    target = `${map.imports[best]}${specifier.slice(best.length)}`;
  }
  if (REMOTE_SPECIFIER.test(target) || target.startsWith('node:')) return target;
  return target.startsWith('./') || target.startsWith('../') || target.startsWith('/') ? resolve(map.base, target) : target;
}

/** True for the error esbuild throws when a build fails (it carries `errors`). */
export function isBuildFailure(e: unknown): e is BuildFailure {
  return e instanceof Error && Array.isArray((e as BuildFailure).errors);
}

/**
 * A CliError for a failed esbuild build: the message names the first problem as
 * `file:line:column: text` (file relative to `root`), details show every problem with its
 * source line.
 */
export function buildFailureError(code: string, what: string, failure: BuildFailure, root: string): CliError {
  const messages = failure.errors.length > 0 ? failure.errors : [{ text: failure.message, location: null } as unknown as Message];
  const first = messages[0] as Message;
  const details = messages.flatMap((m) => {
    const lines = [describeMessage(m, root)];
    if (m.location?.lineText) lines.push(`    ${m.location.lineText.trimEnd()}`);
    return lines;
  });
  return new CliError(code, `${what}: ${describeMessage(first, root)}`, ExitCode.failed, {
    details: messages.length > 1 || first.location?.lineText ? details : [],
    cause: failure,
  });
}

function describeMessage(m: Message, root: string): string {
  if (!m.location) return m.text;
  const file = isAbsolute(m.location.file) ? relative(root, m.location.file) : m.location.file;
  return `${file}:${m.location.line}:${m.location.column + 1}: ${m.text}`;
}

async function fromMapFile(file: string): Promise<ImportMap | undefined> {
  const map = await readJsonc(file);
  return map && isObject(map.imports) ? { imports: strings(map.imports), base: dirname(file) } : undefined;
}

async function readJsonc(file: string): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(stripJsonComments(text));
    return isObject(value) ? value : undefined;
  } catch (e) {
    throw new CliError('project_config_corrupt', `The project file ${file} is damaged: it is not valid JSON (${(e as Error).message})`, ExitCode.usage, {
      cause: e,
    });
  }
}

/** JSONC → JSON: drops `//` and `/* *\/` comments outside strings, then trailing commas. */
export function stripJsonComments(text: string): string {
  const uncommented = scanOutsideStrings(text, (t, i) => {
    if (t[i] === '/' && t[i + 1] === '/') {
      const end = t.indexOf('\n', i);
      return { skipTo: end === -1 ? t.length : end };
    }
    if (t[i] === '/' && t[i + 1] === '*') {
      const end = t.indexOf('*/', i + 2);
      return { skipTo: end === -1 ? t.length : end + 2 };
    }
    return undefined;
  });
  const closer = /\s*[}\]]/y;
  return scanOutsideStrings(uncommented, (t, i) => {
    if (t[i] !== ',') return undefined;
    closer.lastIndex = i + 1;
    return closer.test(t) ? { skipTo: i + 1 } : undefined;
  });
}

/** Copies `text`, letting `skip` drop spans that start outside JSON strings. */
function scanOutsideStrings(text: string, skip: (text: string, i: number) => { skipTo: number } | undefined): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      out += text.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    const cut = skip(text, i);
    if (cut) {
      i = cut.skipTo;
      continue;
    }
    out += text[i];
    i += 1;
  }
  return out;
}

function strings(o: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
