import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError } from '../../errors/cli-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import { loadDefaultExport } from './default-export.js';
import { buildFailureError } from './esbuild-support.js';
import { hasHook } from './hooks.js';
import { runHook, type HookOutputListener, type ProjectHooks } from './run-hook.js';
import { isObject } from '../../lib/is-object.js';
import { lineColumnAt, locateJsonError } from '../../lib/json-error.js';
import { isFile } from './files.js';
import { fsReason } from '../../lib/fs-error.js';

/** An app manifest as JSON (contract §5): `display_information`, `functions`, `settings`, … */
export type Manifest = Record<string, unknown>;

/** Where {@link loadManifest} looks, in order, when the project has no `get-manifest` hook. */
export const MANIFEST_FILES = ['manifest.json', 'manifest.ts', 'manifest.js'] as const;

/** What running a `get-manifest` hook needs; unused for manifest files. */
export interface LoadManifestOptions {
  /** The CLI's environment (`ctx.env`), passed to the hook. */
  env: Readonly<Record<string, string | undefined>>;
  /** Extra variables for the hook (`DENO_AUTH_TOKENS`, `SLACK_WORKSPACE`, `SLACK_ENV`). */
  vars?: Readonly<Record<string, string>>;
  timeoutMs?: number;
  signal?: AbortSignal;
  onOutput?: HookOutputListener;
}

/**
 * The project's manifest, from the first source that exists:
 * 1. the `get-manifest` hook, run with `--source="<root>"`; its answer is parsed from the first `{`;
 * 2. `manifest.json`;
 * 3. `manifest.ts` or `manifest.js`: its default export, bundled with esbuild into a
 *    temporary CommonJS file and required (TypeScript works with no set-up; remote
 *    imports such as `https:`/`npm:`/`jsr:` need a `get-manifest` hook instead).
 *
 * @returns the manifest as plain JSON data (functions, `undefined` and the like dropped).
 * @throws CliError `manifest_not_found`; `invalid_manifest` (not JSON, with file:line:column;
 *   not an object; no default export; evaluation failed); `manifest_build_error` (the
 *   TS/JS file does not compile, with file:line:column); or any error of the hook.
 */
export async function loadManifest(root: string, hooks: ProjectHooks | undefined, opts: LoadManifestOptions): Promise<Manifest> {
  if (hooks && hasHook(hooks, 'get-manifest')) return fromHook(root, hooks, opts);
  for (const name of MANIFEST_FILES) {
    const file = join(root, name);
    if (!(await isFile(file))) continue;
    return name === 'manifest.json' ? fromJsonFile(file) : fromModule(root, file, name);
  }
  throw new CliError('manifest_not_found', `No manifest found in ${root}`, ExitCode.failed, {
    hint: 'Add a manifest.json, manifest.ts or manifest.js, or a get-manifest hook in .slack/hooks.json.',
  });
}

/**
 * The manifest as Slack's API takes it: a copy without the tooling-only
 * `functions.<id>.source_file`, as the Deno SDK's hooks clean it.
 */
export function cleanManifest(manifest: Manifest): Manifest {
  const copy = structuredClone(manifest);
  const functions = copy.functions;
  if (isObject(functions)) for (const fn of Object.values(functions)) if (isObject(fn)) delete fn.source_file;
  return copy;
}

async function fromHook(root: string, hooks: ProjectHooks, opts: LoadManifestOptions): Promise<Manifest> {
  const { response } = await runHook('get-manifest', { ...opts, hooks, args: { source: root } });
  const start = response.indexOf('{');
  if (start === -1) throw invalid(`The get-manifest hook printed no manifest`, firstLines(response));
  try {
    return asManifest(JSON.parse(response.slice(start)), 'the get-manifest hook');
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw invalid(`The get-manifest hook printed invalid JSON: ${(e as Error).message}`, firstLines(response.slice(start)));
  }
}

async function fromJsonFile(file: string): Promise<Manifest> {
  const text = await readFile(file, 'utf8').catch((e: unknown) => {
    throw new CliError('project_config_unreadable', `Cannot read ${file}: ${fsReason(e)}`, ExitCode.failed, { cause: e });
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const at = jsonErrorPosition((e as Error).message, text) ?? lineColumnAt(text, locateJsonError(text).offset);
    throw invalid(`${file}${at ? `:${at.line}:${at.column}` : ''}: not valid JSON (${(e as Error).message})`, at ? [at.lineText] : []);
  }
  return asManifest(json, file);
}

async function fromModule(root: string, file: string, name: string): Promise<Manifest> {
  const result = await loadDefaultExport(root, file);
  switch (result.kind) {
    case 'build-failed': {
      const error = buildFailureError('manifest_build_error', `Cannot build ${name}`, result.failure, root);
      throw new CliError(error.code, error.message, ExitCode.failed, {
        details: error.details,
        cause: result.failure,
        hint: /remote module/.test(error.message) ? 'A manifest that imports remote modules needs a get-manifest hook (the Deno SDK provides one).' : undefined,
      });
    }
    case 'threw':
      throw invalid(`Running ${name} failed: ${(result.error as Error).message}`, [], result.error);
    case 'no-default':
      throw invalid(`${name} has no default export`, [], undefined, 'Export the manifest object: `export default { … }`.');
    case 'loaded':
      return asManifest(result.value, name);
  }
}

function asManifest(value: unknown, from: string): Manifest {
  if (!isObject(value)) throw invalid(`The manifest from ${from} is not an object`);
  // Plain data only: what the API receives is JSON anyway.
  return JSON.parse(JSON.stringify(value)) as Manifest;
}

/** Line and column (1-based) of a JSON.parse error, from "at position N" or "(line L column C)". */
export function jsonErrorPosition(message: string, text: string): { line: number; column: number; lineText: string } | undefined {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) {
    const line = Number(lc[1]);
    return { line, column: Number(lc[2]), lineText: text.split('\n')[line - 1] ?? '' };
  }
  const pos = /position (\d+)/.exec(message);
  if (pos) return lineColumnAt(text, Number(pos[1]));
  if (/end of JSON input/.test(message)) return lineColumnAt(text, text.length);
  return undefined;
}

function invalid(message: string, details: string[] = [], cause?: unknown, hint?: string): CliError {
  return new CliError('invalid_manifest', message, ExitCode.failed, { details, cause, hint });
}

function firstLines(text: string): string[] {
  const lines = text.trim().split('\n').slice(0, 5);
  return lines.length === 1 && lines[0] === '' ? ['(no output)'] : lines;
}
