import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { BuildResult as EsbuildResult, Metafile } from 'esbuild';
import { CliError } from '../../errors/cli-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import { copyAssets } from './assets.js';
import { cancellable } from './cancel.js';
import { buildFailureError, denoResolvePlugin, isBuildFailure, readImportMap, type ImportMap, type SdkOptions } from './esbuild-support.js';
import { denoGlobalsPlugin } from './deno-globals.js';
import { findNpmSdk, importMapSubstitutions, type SdkSubstitution } from './deno-sdk.js';
import { hasHook } from './hooks.js';
import { loadIgnoreRules } from './ignore.js';
import { cleanManifest, type Manifest } from './manifest.js';
import { hookCommandLine, runHook, type ProjectHooks } from './run-hook.js';
import { checkOutput } from './safety.js';
import { isObject } from '../../lib/is-object.js';
import { isFile } from './files.js';

/** Progress of {@link buildApp}, for a spinner or milestone lines. */
export type BuildEvent =
  | { type: 'hook-start'; command: string }
  | { type: 'hook-output'; line: string; stream: 'stdout' | 'stderr' }
  | { type: 'bundle-start'; functions: number }
  /** A deno.land module of the Deno SDK the functions are built with from npm's copy (`used`), or left remote (no copy). */
  | { type: 'sdk-substituted'; substitution: SdkSubstitution }
  | { type: 'function-bundled'; callbackId: string; sourceFile: string; outFile: string; bytes: number }
  | { type: 'manifest-written'; path: string }
  | { type: 'assets-copied'; files: number }
  | { type: 'checked'; files: number };

/** What {@link buildApp} needs. */
export interface BuildAppOptions {
  /** The project folder. */
  root: string;
  /** The manifest from `loadManifest` (with `source_file`s). */
  manifest: Manifest;
  /** Where the package is written (usually a fresh temp folder); created if missing. */
  outDir: string;
  /** The project's hooks; a `build` hook replaces the built-in build. */
  hooks?: ProjectHooks | undefined;
  /** The CLI's environment, for a `build` hook. */
  env: Readonly<Record<string, string | undefined>>;
  /** Extra variables for a `build` hook (`DENO_AUTH_TOKENS`). */
  vars?: Readonly<Record<string, string>>;
  /** Limit for a `build` hook. */
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (event: BuildEvent) => void;
}

/** One function the built-in build bundled. */
export interface BundledFunction {
  callbackId: string;
  /** As written in the manifest, relative to the project root. */
  sourceFile: string;
  /** Relative to `outDir`: `functions/<callback_id>.js`. */
  outFile: string;
  bytes: number;
}

/** What {@link buildApp} produced in `outDir`. */
export interface BuildResult {
  method: 'hook' | 'builtin';
  outDir: string;
  /** Bundled functions (built-in build only). */
  functions: BundledFunction[];
  /** Copied asset files, relative to `outDir` (built-in build only). */
  assets: string[];
  /** Files in `outDir`, as counted by the safety check. */
  files: number;
}

const CALLBACK_ID = /^[A-Za-z0-9_-]+$/;

/**
 * Builds the app's package into `outDir`, then runs `checkOutput` on it (so a package
 * with an `.env` or an escaping link never leaves this function).
 *
 * - With a `build` hook: runs it with `--source="<root>" --output="<outDir>"`; the hook
 *   writes the package.
 * - Otherwise the built-in build: every `manifest.functions.<callback_id>.source_file`
 *   (functions of `type: "API"` have none) is bundled by esbuild as an ES module for Deno
 *   (`platform: neutral`; relative imports and import-map entries bundled; `npm:`, `jsr:`,
 *   `https:` and `node:` imports left for Deno, except the Deno SDK's deno.land modules, which
 *   come from npm's `@slack/deno-slack-sdk` so the bundle runs offline) into
 *   `functions/<callback_id>.js`; then
 *   `manifest.json` (without `source_file`s), and the project's `assets/` folder minus
 *   what `.slackignore` and the defaults leave out.
 *
 * @throws CliError `invalid_manifest` (a function without a usable `source_file`),
 *   `function_source_not_found`, `function_build_error` (file:line:column and message),
 *   `function_no_default_export`, `unsafe_bundle_file`, a hook's errors, or CancelledError
 *   (whenever `signal` aborts).
 */
export async function buildApp(opts: BuildAppOptions): Promise<BuildResult> {
  return cancellable(opts.signal, 'Stopped the build', async () => {
    await mkdir(opts.outDir, { recursive: true });
    const result = opts.hooks && hasHook(opts.hooks, 'build') ? await hookBuild(opts, opts.hooks) : await builtinBuild(opts);
    const { files } = await checkOutput(opts.outDir, opts.root, opts.signal);
    opts.onProgress?.({ type: 'checked', files });
    return { ...result, files };
  });
}

async function hookBuild(opts: BuildAppOptions, hooks: ProjectHooks): Promise<Omit<BuildResult, 'files'>> {
  const args = { source: opts.root, output: opts.outDir };
  opts.onProgress?.({ type: 'hook-start', command: hookCommandLine(hooks.hooks.build ?? '', args) });
  const run: Parameters<typeof runHook>[1] = {
    hooks,
    env: opts.env,
    args,
    onOutput: (line, stream) => opts.onProgress?.({ type: 'hook-output', line, stream }),
  };
  if (opts.vars) run.vars = opts.vars;
  if (opts.timeoutMs !== undefined) run.timeoutMs = opts.timeoutMs;
  if (opts.signal) run.signal = opts.signal;
  await runHook('build', run);
  return { method: 'hook', outDir: opts.outDir, functions: [], assets: [] };
}

async function builtinBuild(opts: BuildAppOptions): Promise<Omit<BuildResult, 'files'>> {
  const { root, outDir, signal } = opts;
  const functions = await functionSources(root, opts.manifest);
  opts.onProgress?.({ type: 'bundle-start', functions: functions.length });
  const importMap = await readImportMap(root);
  const sdk = findNpmSdk(root);
  const substitutions = new Map(importMapSubstitutions(importMap, sdk).map((s) => [`${s.module}@${s.pinned}`, s]));
  const onSubstitute = (s: SdkSubstitution) => substitutions.set(`${s.module}@${s.pinned}`, s);
  const bundled =
    functions.length > 0 ? await bundleFunctions({ root, outDir, functions, importMap, sdk: { copy: sdk, tree: 'esm', onSubstitute } }, signal) : [];
  for (const substitution of substitutions.values()) opts.onProgress?.({ type: 'sdk-substituted', substitution });
  for (const fn of bundled) opts.onProgress?.({ type: 'function-bundled', ...fn });

  const manifestPath = join(outDir, 'manifest.json');
  await writeFile(manifestPath, `${JSON.stringify(cleanManifest(opts.manifest), null, 2)}\n`);
  opts.onProgress?.({ type: 'manifest-written', path: manifestPath });

  const assets = await copyAssets(root, outDir, await loadIgnoreRules(root), signal);
  opts.onProgress?.({ type: 'assets-copied', files: assets.length });
  return { method: 'builtin', outDir, functions: bundled, assets };
}

interface FunctionSource {
  callbackId: string;
  sourceFile: string;
  abs: string;
}

async function functionSources(root: string, manifest: Manifest): Promise<FunctionSource[]> {
  const functions = manifest.functions;
  if (functions === undefined) return [];
  if (!isObject(functions)) throw invalid('The manifest\'s "functions" is not an object');
  const out: FunctionSource[] = [];
  for (const [callbackId, def] of Object.entries(functions)) {
    if (!isObject(def)) throw invalid(`Function "${callbackId}" in the manifest is not an object`);
    if (def.type === 'API') continue;
    if (!CALLBACK_ID.test(callbackId)) throw invalid(`Function "${callbackId}": a callback_id may hold only letters, digits, "_" and "-"`);
    const sourceFile = def.source_file;
    if (typeof sourceFile !== 'string' || !sourceFile.trim())
      throw invalid(
        `Function "${callbackId}" has no source_file`,
        'Set functions.<callback_id>.source_file to the file that default-exports the handler, e.g. "functions/greet.ts".',
      );
    const abs = resolve(root, sourceFile);
    if (!(await isFile(abs))) {
      throw new CliError('function_source_not_found', `The source_file of function "${callbackId}" does not exist: ${sourceFile}`, ExitCode.failed, {
        hint: `Looked for ${abs}.`,
      });
    }
    out.push({ callbackId, sourceFile, abs });
  }
  return out;
}

interface BundleJob {
  root: string;
  outDir: string;
  functions: FunctionSource[];
  importMap: ImportMap | undefined;
  sdk: SdkOptions;
}

/**
 * One esbuild run for every function, as Deno runs them (runtime contract §7): `platform: neutral` with
 * `mainFields: ['module', 'main']` (npm packages' ES builds), `node:` imports left for Deno (it has them),
 * the dnt shims of npm's Deno SDK replaced by Deno's own globals (deno-globals.ts), and the SDK's
 * deno.land URLs served from npm's copy (deno-sdk.ts).
 */
async function bundleFunctions(job: BundleJob, signal: AbortSignal | undefined): Promise<BundledFunction[]> {
  const { root, outDir, functions } = job;
  const esbuild = await import('esbuild');
  const context = await esbuild.context({
    entryPoints: functions.map((f) => ({ in: f.abs, out: `functions/${f.callbackId}` })),
    absWorkingDir: root,
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    write: true,
    metafile: true,
    logLevel: 'silent',
    // The shims first: the import-map plugin would otherwise let esbuild find the real packages.
    plugins: [denoGlobalsPlugin(), denoResolvePlugin({ importMap: job.importMap, remote: 'external', sdk: job.sdk })],
  });
  const onAbort = () => void context.cancel();
  signal?.addEventListener('abort', onAbort, { once: true });
  let result: EsbuildResult<{ metafile: true }>;
  try {
    result = await context.rebuild();
  } catch (e) {
    if (isBuildFailure(e) && !signal?.aborted) throw buildFailureError('function_build_error', 'Cannot bundle a function', e, root);
    throw e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await context.dispose();
  }
  signal?.throwIfAborted();
  return functions.map((f) => describeOutput(f, outputOf(result.metafile, root, join(outDir, 'functions', `${f.callbackId}.js`))));
}

function outputOf(metafile: Metafile, root: string, file: string): Metafile['outputs'][string] | undefined {
  for (const [path, output] of Object.entries(metafile.outputs)) if (resolve(root, path) === file) return output;
  return undefined;
}

function describeOutput(f: FunctionSource, output: Metafile['outputs'][string] | undefined): BundledFunction {
  if (!output?.exports.includes('default')) {
    throw new CliError('function_no_default_export', `${f.sourceFile} (function "${f.callbackId}") has no default export`, ExitCode.failed, {
      hint: 'Export the handler: `export default async function ({ inputs }) { … }`.',
    });
  }
  return { callbackId: f.callbackId, sourceFile: f.sourceFile, outFile: `functions/${f.callbackId}.js`, bytes: output.bytes };
}

function invalid(message: string, hint?: string): CliError {
  return new CliError('invalid_manifest', message, ExitCode.failed, { hint });
}
