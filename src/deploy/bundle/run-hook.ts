import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
// Signalling a whole process group has no other API; nothing ambient is read from here.
import { kill } from 'node:process';
import { parseEnv } from 'node:util';
import { CancelledError, CliError } from '../../errors/cli-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import { fsReason } from '../../lib/fs-error.js';

/** How a hook hands its answer back (contract §4.2): between boundary markers, or all of stdout. */
export type HookProtocol = 'message-boundaries' | 'default';

/** A project's hooks: `.slack/hooks.json` with the `get-hooks` answer merged underneath. */
export interface ProjectHooks {
  /** The project folder; hooks run here. */
  readonly root: string;
  /** The file the hooks came from (`.slack/hooks.json`, or a legacy `slack.json`). */
  readonly file: string;
  readonly runtime: string | undefined;
  /** Hook name → shell command. */
  readonly hooks: Readonly<Record<string, string>>;
  /** The `config` object (`protocol-version`, `watch`, …), kept as found. */
  readonly config: Readonly<Record<string, unknown>>;
  /** The protocol every hook of this project is run with. */
  readonly protocol: HookProtocol;
}

/** Receives a hook's diagnostic output, one line at a time, while it runs. */
export type HookOutputListener = (line: string, stream: 'stdout' | 'stderr') => void;

/** How to run one hook. */
export interface RunHookOptions {
  /** The project's hooks (from `loadHooks`); the hook runs in `hooks.root` with `hooks.protocol`. */
  hooks: ProjectHooks;
  /** Appended to the command as `--key="value"`, in this order. */
  args?: Readonly<Record<string, string>>;
  /** Variables for the hook; the project's `.env`, then `env`, override them. */
  vars?: Readonly<Record<string, string>>;
  /** The CLI's environment (`ctx.env`); it wins over `vars` and `.env`. Also gives `SHELL`. */
  env: Readonly<Record<string, string | undefined>>;
  /** Stops the hook (its whole process group) after this long. No limit when absent. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * Called for every line of stderr, and for the lines of stdout that are not the answer
   * (with `message-boundaries`, text outside the markers; with `default`, all of stdout).
   */
  onOutput?: HookOutputListener;
}

/** What a hook that exited 0 answered. */
export interface HookResult {
  /** The answer: text between boundary markers, or all of stdout, trimmed. */
  response: string;
  /** The last lines the hook wrote to stderr (at most {@link STDERR_TAIL_LINES}). */
  stderrTail: string[];
}

/** How many trailing stderr lines a result or a {@link HookError} keeps. */
export const STDERR_TAIL_LINES = 20;

// A runaway hook must not take the CLI's memory with it; real answers are a few KB.
const MAX_STDOUT_CHARS = 64 * 1024 * 1024;
const KILL_GRACE_MS = 2000;

/** A hook that failed, timed out or could not start. Carries its exit status and stderr tail. */
export class HookError extends CliError {
  readonly hook: string;
  /** The hook's exit code, or null when it was ended by a signal or never started. */
  readonly hookExitCode: number | null;
  readonly hookSignal: string | null;
  readonly stderrTail: string[];

  constructor(
    code: string,
    hook: string,
    message: string,
    o: { exitCode: number | null; signal: string | null; stderrTail: string[]; hint?: string; cause?: unknown },
  ) {
    super(code, message, ExitCode.failed, { details: o.stderrTail, hint: o.hint, cause: o.cause });
    this.hook = hook;
    this.hookExitCode = o.exitCode;
    this.hookSignal = o.signal;
    this.stderrTail = o.stderrTail;
  }
}

/**
 * Runs the project's hook `name` through `$SHELL -c` (`sh -c` without `SHELL`) in the
 * project folder, as the official CLI does (contract §4.2): the command is split on
 * whitespace, `args` are appended as `--key="value"`, and with `message-boundaries`
 * `--protocol=message-boundaries --boundary=<random hex>` follow.
 *
 * @throws CliError `sdk_hook_not_found` when the project has no such hook;
 *   {@link HookError} `sdk_hook_invocation_failed` (non-zero exit or no shell, with the
 *   stderr tail as details), `hook_timeout`, or `hook_output_too_large`;
 *   CancelledError when `signal` aborts (the process group is killed first).
 */
export async function runHook(name: string, opts: RunHookOptions): Promise<HookResult> {
  const command = opts.hooks.hooks[name];
  if (!command?.trim()) {
    throw new CliError('sdk_hook_not_found', `The project has no '${name}' hook`, ExitCode.failed, { hint: `Add a "${name}" command to ${opts.hooks.file}.` });
  }
  if (opts.signal?.aborted) throw new CancelledError(`Stopped before the '${name}' hook`);
  const boundary = opts.hooks.protocol === 'message-boundaries' ? randomBytes(32).toString('hex') : undefined;
  const args = boundary ? { ...opts.args, protocol: 'message-boundaries', boundary } : { ...opts.args };
  const env = await hookEnv(opts);
  const line = hookCommandLine(command, args, boundary !== undefined);
  const shell = opts.env.SHELL?.trim() || 'sh';
  return await execute(name, shell, line, opts.hooks.root, env, boundary, opts);
}

/**
 * The shell command line for a hook: its words, then `--key="value"` for each argument
 * (inside double quotes, `\`, `"`, `$` and backquote are escaped, so values stay literal).
 * With `bareProtocolArgs`, `protocol` and `boundary` are written unquoted, as the SDKs expect.
 */
export function hookCommandLine(command: string, args: Readonly<Record<string, string>> = {}, bareProtocolArgs = false): string {
  const words = command.trim().split(/\s+/);
  for (const [key, value] of Object.entries(args)) {
    const bare = bareProtocolArgs && (key === 'protocol' || key === 'boundary');
    words.push(bare ? `--${key}=${value}` : `--${key}="${value.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`);
  }
  return words.join(' ');
}

/**
 * The answer in a `message-boundaries` stdout: the text between pairs of `boundary`
 * markers (several pairs are joined), trimmed; '' when there is none.
 */
export function parseBoundaryResponse(stdout: string, boundary: string): string {
  const parts = stdout.split(boundary);
  let answer = '';
  for (let i = 1; i < parts.length; i += 2) if (i < parts.length - 1) answer += parts[i];
  return answer.trim();
}

async function hookEnv(opts: RunHookOptions): Promise<Record<string, string>> {
  const env: Record<string, string> = { ...opts.vars };
  Object.assign(env, await readDotEnv(opts.hooks.root));
  for (const [k, v] of Object.entries(opts.env)) if (v !== undefined) env[k] = v;
  return env;
}

async function readDotEnv(root: string): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(join(root, '.env'), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EISDIR') return {};
    throw new CliError('project_config_unreadable', `Cannot read ${join(root, '.env')}: ${fsReason(e)}`, ExitCode.failed, { cause: e });
  }
  return Object.fromEntries(Object.entries(parseEnv(text)).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function execute(
  name: string,
  shell: string,
  line: string,
  cwd: string,
  env: Record<string, string>,
  boundary: string | undefined,
  opts: RunHookOptions,
): Promise<HookResult> {
  return new Promise((resolve, reject) => {
    // detached: the hook leads its own process group, so a timeout reaches its children too.
    const child = spawn(shell, ['-c', line], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    let stdout = '';
    let stopped: 'timeout' | 'abort' | 'overflow' | undefined;
    let graceTimer: NodeJS.Timeout | undefined;
    let inAnswer = false;

    const stop = (why: 'timeout' | 'abort' | 'overflow') => {
      if (stopped) return;
      stopped = why;
      signalGroup(child.pid, 'SIGTERM');
      graceTimer = setTimeout(() => {
        signalGroup(child.pid, 'SIGKILL');
        // A grandchild that left the group may still hold the pipes open.
        child.stdout.destroy();
        child.stderr.destroy();
      }, KILL_GRACE_MS);
    };
    const timer = opts.timeoutMs === undefined ? undefined : setTimeout(() => stop('timeout'), opts.timeoutMs);
    const onAbort = () => stop('abort');
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    lines(child.stderr, (text) => {
      tail.push(text);
      if (tail.length > STDERR_TAIL_LINES) tail.shift();
      opts.onOutput?.(text, 'stderr');
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.length > MAX_STDOUT_CHARS) stop('overflow');
    });
    lines(child.stdout, (text) => {
      if (!boundary) return opts.onOutput?.(text, 'stdout');
      // Only what lies outside the markers is diagnostic output.
      const pieces = text.split(boundary);
      const outside = pieces.filter((_, i) => (inAnswer ? i % 2 === 1 : i % 2 === 0)).join('');
      if (pieces.length % 2 === 0) inAnswer = !inAnswer;
      if (outside.trim()) opts.onOutput?.(outside, 'stdout');
    });

    const finish = () => {
      if (timer) clearTimeout(timer);
      if (graceTimer) clearTimeout(graceTimer);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (e) => {
      finish();
      reject(
        new HookError('sdk_hook_invocation_failed', name, `Could not run the '${name}' hook with ${shell}: ${e.message}`, {
          exitCode: null,
          signal: null,
          stderrTail: [],
          cause: e,
        }),
      );
    });
    child.on('close', (code, sig) => {
      finish();
      const base = { exitCode: code, signal: sig, stderrTail: [...tail] };
      if (stopped === 'abort') return reject(new CancelledError(`Stopped the '${name}' hook`));
      if (stopped === 'timeout') {
        return reject(
          new HookError('hook_timeout', name, `The '${name}' hook did not finish within ${formatMs(opts.timeoutMs ?? 0)} and was stopped`, {
            ...base,
            hint: `The hook ran: ${line}`,
          }),
        );
      }
      if (stopped === 'overflow') {
        return reject(
          new HookError(
            'hook_output_too_large',
            name,
            `The '${name}' hook wrote more than ${MAX_STDOUT_CHARS / 1024 / 1024} MB to stdout and was stopped`,
            base,
          ),
        );
      }
      if (code !== 0) {
        const how = code === null ? `was killed by ${sig ?? 'a signal'}` : `exited with code ${code}`;
        return reject(new HookError('sdk_hook_invocation_failed', name, `The '${name}' hook ${how}`, { ...base, hint: `The hook ran: ${line}` }));
      }
      resolve({ response: boundary ? parseBoundaryResponse(stdout, boundary) : stdout.trim(), stderrTail: [...tail] });
    });
  });
}

function lines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let carry = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (carry + chunk).split(/\r?\n/);
    carry = parts.pop() ?? '';
    for (const p of parts) onLine(p);
  });
  stream.on('end', () => {
    if (carry) onLine(carry);
    carry = '';
  });
}

function signalGroup(pid: number | undefined, sig: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    kill(-pid, sig);
  } catch {
    // Already gone.
  }
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10}s` : `${ms}ms`;
}
