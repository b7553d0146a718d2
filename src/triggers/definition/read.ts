// Reads a trigger definition file as `rosi trigger create/update --trigger-def` names it. The shape is checked by
// validate.ts; this only gets a plain JSON object out of the file.
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { loadDefaultExport } from '../../deploy/bundle/default-export.js';
import { buildFailureError } from '../../deploy/bundle/esbuild-support.js';
import { hasHook } from '../../deploy/bundle/hooks.js';
import { jsonErrorPosition } from '../../deploy/bundle/manifest.js';
import { runHook, type HookOutputListener, type ProjectHooks } from '../../deploy/bundle/run-hook.js';
import { UsageError } from '../../errors/cli-error.js';
import { fsReason } from '../../lib/fs-error.js';
import { isObject } from '../../lib/is-object.js';
import { lineColumnAt, locateJsonError } from '../../lib/json-error.js';

/** Files rosi builds itself (with esbuild, as deploy builds manifest.ts) when the project has no `get-trigger` hook. */
export const MODULE_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs', '.cjs'] as const;

export interface ReadTriggerOptions {
  /** What a relative path is relative to (the command's working folder). */
  cwd: string;
  /** The project folder: a .ts/.js file is built from here (its Deno import map applies), and hooks run here. */
  root: string;
  /** The project's hooks: with a `get-trigger` hook, every file but a .json is read through it, as the official CLI does. */
  hooks?: ProjectHooks | undefined;
  /** The CLI's environment, for the hook. */
  env: Readonly<Record<string, string | undefined>>;
  /** Extra variables for the hook (`SLACK_WORKSPACE`, `SLACK_ENV`). */
  vars?: Readonly<Record<string, string>>;
  timeoutMs?: number;
  signal?: AbortSignal;
  onOutput?: HookOutputListener;
}

export interface TriggerDefinitionFile {
  /** Plain JSON data: functions and `undefined` values of a module's export are gone. */
  definition: Record<string, unknown>;
  /** How it was read. */
  via: 'json' | 'module' | 'hook';
}

/**
 * The definition in `path`: a `.json` file is parsed by rosi; any other file goes to the project's `get-trigger`
 * hook when it has one (`--source="<path>"`; the first JSON object of its answer), else a `.ts`/`.js` file's
 * default export is taken, built with esbuild (no Deno needed; remote imports need the hook).
 *
 * @throws UsageError (exit 2) naming the file: not found, not a file, unsupported extension, bad JSON (with
 *   line:column), a build error (with file:line:column), a module that throws or has no default export, or
 *   anything that is not an object. The hook's own failures ({@link runHook}) are exit 1, as for deploy's hooks.
 */
export async function readTriggerDefinition(path: string, opts: ReadTriggerOptions): Promise<TriggerDefinitionFile> {
  const file = resolve(opts.cwd, path);
  await mustBeFile(file, path);
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return { definition: await fromJson(file, path), via: 'json' };
  if (opts.hooks && hasHook(opts.hooks, 'get-trigger')) return { definition: await fromHook(file, path, opts.hooks, opts), via: 'hook' };
  if ((MODULE_EXTENSIONS as readonly string[]).includes(ext)) return { definition: await fromModule(file, path, opts.root), via: 'module' };
  throw invalid(`${path} is not a trigger definition file rosi can read`, {
    hint: `Use a .json file, or a .ts/.js file whose default export is the definition (or add a get-trigger hook to ${hooksFileOf(opts)}).`,
  });
}

async function mustBeFile(file: string, path: string): Promise<void> {
  let isFile: boolean;
  try {
    isFile = (await stat(file)).isFile();
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new UsageError(`Cannot read the trigger definition ${path}: ${fsReason(e)}`, {
      code: missing ? 'trigger_definition_not_found' : 'invalid_trigger_definition',
      hint: missing ? 'Check the path: it is relative to the folder you run rosi in.' : undefined,
      cause: e,
    });
  }
  if (!isFile) throw invalid(`The trigger definition ${path} is not a file`, { hint: 'Name a .json, .ts or .js file.' });
}

async function fromJson(file: string, path: string): Promise<Record<string, unknown>> {
  const text = await readFile(file, 'utf8').catch((e: unknown) => {
    throw invalid(`Cannot read the trigger definition ${path}: ${fsReason(e)}`, { cause: e });
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = jsonErrorPosition(message, text) ?? lineColumnAt(text, locateJsonError(text).offset);
    throw invalid(`${path}:${at.line}:${at.column}: not valid JSON (${message})`, {
      details: [at.lineText, `${' '.repeat(Math.max(0, at.column - 1))}^`],
      cause: e,
    });
  }
  return asDefinition(json, path);
}

async function fromModule(file: string, path: string, root: string): Promise<Record<string, unknown>> {
  const result = await loadDefaultExport(root, file);
  switch (result.kind) {
    case 'build-failed': {
      const error = buildFailureError('invalid_trigger_definition', `Cannot build ${path}`, result.failure, root);
      throw invalid(error.message, {
        details: error.details,
        cause: result.failure,
        hint: /remote module/.test(error.message)
          ? 'rosi does not download code: write the definition with plain values (type: "shortcut" rather than TriggerTypes.Shortcut, `import type` for types), use a .json file, or add a get-trigger hook.'
          : undefined,
      });
    }
    case 'threw':
      throw invalid(`Running ${path} failed: ${(result.error as Error)?.message ?? String(result.error)}`, { cause: result.error });
    case 'no-default':
      throw invalid(`${path} has no default export`, { hint: 'Export the definition: `export default { type: "shortcut", … }`.' });
    case 'loaded':
      return asDefinition(plainData(result.value, path), path);
  }
}

async function fromHook(file: string, path: string, hooks: ProjectHooks, opts: ReadTriggerOptions): Promise<Record<string, unknown>> {
  // The hook runs in the project folder; a path inside it is passed as the official CLI passes it, relative.
  const inside = relative(hooks.root, file);
  const source = inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : file;
  const { response } = await runHook('get-trigger', {
    hooks,
    env: opts.env,
    args: { source },
    ...(opts.vars && { vars: opts.vars }),
    ...(opts.timeoutMs !== undefined && { timeoutMs: opts.timeoutMs }),
    ...(opts.signal && { signal: opts.signal }),
    ...(opts.onOutput && { onOutput: opts.onOutput }),
  });
  // The official CLI takes the first JSON object in the answer; text around it is the hook's chatter.
  const start = response.indexOf('{');
  const end = response.lastIndexOf('}');
  let json: unknown;
  try {
    json = start === -1 ? undefined : JSON.parse(response.slice(start, end + 1));
  } catch {
    json = undefined;
  }
  if (json === undefined) {
    throw invalid(`The get-trigger hook gave no trigger definition for ${path}`, {
      details: response.trim() ? response.trim().split('\n').slice(0, 5) : ['(no output)'],
    });
  }
  return asDefinition(json, `${path} (through the get-trigger hook)`);
}

function plainData(value: unknown, path: string): unknown {
  try {
    // What the API receives is JSON anyway: functions and undefined values go, as the SDK's own hook drops them.
    const text = JSON.stringify(value);
    return text === undefined ? value : JSON.parse(text);
  } catch (e) {
    throw invalid(`The default export of ${path} cannot be turned into JSON: ${(e as Error).message}`, { cause: e });
  }
}

function asDefinition(value: unknown, from: string): Record<string, unknown> {
  if (isObject(value)) return value;
  const got = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
  throw invalid(`The trigger definition in ${from} is not an object (got ${got})`, {
    hint: 'A definition is one object: {"type": "shortcut", "name": "…", "workflow": "#/workflows/<callback_id>"}.',
  });
}

function hooksFileOf(opts: ReadTriggerOptions): string {
  return opts.hooks?.file ?? '.slack/hooks.json';
}

function invalid(message: string, o: { details?: string[]; hint?: string | undefined; cause?: unknown } = {}): UsageError {
  return new UsageError(message, { code: 'invalid_trigger_definition', ...o });
}
