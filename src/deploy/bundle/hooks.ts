import { join } from 'node:path';
import * as z from 'zod/mini';
import { PROJECT_MARKERS, readProjectFile } from '../../config/project.js';
import { CliError } from '../../errors/cli-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import { HookError, runHook, type HookOutputListener, type HookProtocol, type ProjectHooks } from './run-hook.js';

/** What loading needs to run a `get-hooks` hook, if the project has one. */
export interface LoadHooksOptions {
  /** The CLI's environment, passed to the hook (never read from the process). */
  env: Readonly<Record<string, string | undefined>>;
  /** Variables the hook gets below the project's `.env` and `env`. */
  vars?: Readonly<Record<string, string>>;
  timeoutMs?: number;
  signal?: AbortSignal;
  onOutput?: HookOutputListener;
  /** Told when the `get-hooks` hook could not run and the project goes on without the hooks it would give. */
  onHooksUnavailable?: (notice: HooksUnavailable) => void;
}

/** A `get-hooks` hook that loads the SDK's hooks from the network and could not run. */
export interface HooksUnavailable {
  /** The hook's command, as the hooks file gives it. */
  command: string;
  /** Why: the hook's error message (its stderr tail went to `onOutput` as it ran). */
  reason: string;
}

const HooksFile = z.looseObject({
  runtime: z.optional(z.string()),
  hooks: z.optional(z.record(z.string(), z.string())),
  config: z.optional(z.record(z.string(), z.unknown())),
});
type HooksFile = z.infer<typeof HooksFile>;

/**
 * Reads the project's hooks file and, when it names a `get-hooks` hook, runs that first
 * and merges its JSON answer underneath the file (the file wins, key by key, in `hooks`
 * and `config`), as the official CLI does for SDK-provided hooks.
 *
 * The official templates' `get-hooks` runs the Deno SDK's hooks from deno.land
 * (`deno run … https://deno.land/x/deno_slack_hooks@<v>/mod.ts`). Without Deno or without a
 * network that hook cannot run, and every hook it would give has a built-in counterpart in
 * rosi (the manifest from `manifest.ts`, the built-in build, trigger files read by esbuild).
 * So when a `get-hooks` that loads remote code fails, the project goes on with the hooks its
 * file names itself, and `onHooksUnavailable` says so. A local `get-hooks` that fails is the
 * project's own error and stops the command, as before.
 *
 * @throws CliError `invalid_app_directory` when `root` has no hooks file,
 *   `project_config_corrupt` (exit 2) when the file is not valid,
 *   `invalid_hook_response` when `get-hooks` does not answer with a JSON object, and
 *   any error of {@link runHook} but the fallback above.
 */
export async function loadHooks(root: string, opts: LoadHooksOptions): Promise<ProjectHooks> {
  const { file, data } = await readHooksFile(root);
  let merged: HooksFile = data;
  const getHooks = data.hooks?.['get-hooks'];
  if (getHooks?.trim()) {
    const bootstrap = toProjectHooks(root, file, data);
    let response: string | undefined;
    try {
      ({ response } = await runHook('get-hooks', { ...opts, hooks: bootstrap }));
    } catch (e) {
      if (!(e instanceof HookError) || !loadsRemoteCode(getHooks)) throw e;
      opts.onHooksUnavailable?.({ command: getHooks, reason: e.message });
    }
    if (response !== undefined) merged = mergeHooks(parseHooksAnswer(response), data);
  }
  return toProjectHooks(root, file, merged);
}

/** A hook command that fetches its code (a URL on the command line), as the SDK's `deno run https://…` do. */
export function loadsRemoteCode(command: string): boolean {
  return /(?:^|\s)(?:https?|jsr|npm):\S/.test(command);
}

/** True when the project defines a non-empty command for `name`. */
export function hasHook(hooks: ProjectHooks | undefined, name: string): boolean {
  return Boolean(hooks?.hooks[name]?.trim());
}

/** The first protocol of `config.protocol-version` that rosi speaks; `default` otherwise. */
export function preferredProtocol(config: Readonly<Record<string, unknown>> | undefined): HookProtocol {
  const listed = config?.['protocol-version'];
  if (Array.isArray(listed)) {
    for (const p of listed) if (p === 'message-boundaries' || p === 'default') return p;
  }
  return 'default';
}

async function readHooksFile(root: string): Promise<{ file: string; data: HooksFile }> {
  // The legacy names still work in the official CLI, so rosi reads them too.
  for (const name of PROJECT_MARKERS) {
    const file = join(root, name);
    const data = await readProjectFile(file, HooksFile, { hint: 'Fix the file by hand; rosi did not change it.' });
    if (data !== undefined) return { file, data };
  }
  throw new CliError('invalid_app_directory', `${root} is not a Slack project: it has no .slack/hooks.json`, ExitCode.failed, {
    hint: 'Run rosi from the project folder, the one with .slack/hooks.json.',
  });
}

function parseHooksAnswer(response: string): HooksFile {
  const start = response.indexOf('{');
  let json: unknown;
  try {
    json = JSON.parse(start === -1 ? response : response.slice(start));
  } catch {
    json = undefined;
  }
  const parsed = HooksFile.safeParse(json);
  if (!parsed.success) {
    throw new CliError('invalid_hook_response', "The 'get-hooks' hook did not answer with a hooks object", ExitCode.failed, {
      details: response.trim() ? response.trim().split('\n').slice(0, 5) : ['(no output)'],
    });
  }
  return parsed.data;
}

function mergeHooks(below: HooksFile, above: HooksFile): HooksFile {
  return {
    ...below,
    ...above,
    hooks: { ...below.hooks, ...above.hooks },
    config: { ...below.config, ...above.config },
  };
}

function toProjectHooks(root: string, file: string, data: HooksFile): ProjectHooks {
  return { root, file, runtime: data.runtime, hooks: data.hooks ?? {}, config: data.config ?? {}, protocol: preferredProtocol(data.config) };
}
