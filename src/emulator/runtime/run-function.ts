import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { kill } from 'node:process';
import { DENO_FIX } from './deno-path.js';
import { OutputCapture } from './output-capture.js';

/** The invocation payload of runtime contract §4.2, as Slack's hosted runtime receives it. */
export interface InvocationPayload {
  body: unknown;
  context: { bot_access_token: string; team_id: string; variables: Record<string, string> };
}

/** One function execution: which unpacked bundle, what it is handed, where it may connect, how long it has. */
export interface FunctionRun {
  bundleDir: string;
  /** The function to run is the one the payload names (`body.event.function.callback_id`), as on Slack. */
  payload: InvocationPayload;
  /** The manifest's `outgoing_domains`. The host of `SLACK_API_URL` and Slack's own hosts are added (§6.4.4). */
  allowNet: string[];
  /** The runtime's --function-timeout when left out. */
  timeoutMs?: number;
  /** Names the run for Runtime.takeOutput while it runs (the engine's function execution ID). */
  executionId?: string;
}

export type FunctionRunOutcome =
  /** The handler returned; functions.complete* was called as §4.4 says (or not, for `completed: false`). */
  | 'returned'
  /** An error escaped the handler or the module, or nothing handles the event. */
  | 'threw'
  /** Still running at the timeout: killed. */
  | 'timed_out'
  /** Deno itself failed: a crash, an unhandled rejection, a signal from outside. */
  | 'crashed'
  /** Stopped by the caller's signal or by close(), or never started for them. */
  | 'cancelled'
  /** No Deno to run it with. */
  | 'deno_missing';

export interface FunctionRunResult {
  outcome: FunctionRunOutcome;
  /** Why it did not return: the exception's first line, the permission message, the timeout, Deno's own error. */
  error?: string;
  /** stdout and stderr as they arrived, interleaved, kept to the last outputCapBytes bytes: what was not taken while it ran. */
  output: string;
  durationMs: number;
}

export interface ProcessSettings {
  deno: string;
  harnessPath: string;
  /** Deno's cache, private to the emulator. */
  denoDir: string;
  timeoutMs: number;
  /** The JavaScript heap a run may use, in MiB (`--function-memory`). */
  memoryMiB: number;
  outputCapBytes: number;
}

/** The harness's exit codes (deno-harness.ts). */
const THREW = 3;
const UNHANDLED = 4;
const CAUGHT = 'Caught error from user supplied module: ';
const NETWORK_HINT = 'Detected missing network permissions';
const FILE_HINT = 'Detected missing file permissions';
/** What V8 prints when the heap reaches --max-old-space-size, before it aborts the process. */
const OUT_OF_MEMORY = /Fatal JavaScript out of memory|JavaScript heap out of memory/;
/** Slack's hosts, which the local runtime allows every function (runtime contract §4.6, §6.4.4). */
export const SLACK_HOSTS = ['slack.com', 'api.slack.com', 'files.slack.com'];
/** A host name or address, with an optional port: what --allow-net takes, and nothing that could end the flag early. */
const NET_ENTRY = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The permissions of one execution. Reads: the bundle only. Network: the manifest's domains,
 * the emulator (SLACK_API_URL's host, where functions.complete* and every API call go) and
 * Slack's hosts. Environment: readable, but the process gets an empty one. Nothing else: no
 * writes, no subprocesses, no FFI, no system information, no prompts, and no code from the
 * network (bundles are whole: the build bundles every import, §4.1).
 */
export function denoArgs(run: FunctionRun, harnessPath: string, hosts: string[], memoryMiB: number): string[] {
  return [
    'run',
    '--quiet',
    '--no-prompt',
    '--no-config',
    '--no-lock',
    '--no-remote',
    '--no-npm',
    // A heap limit, so a function that allocates without end fails alone instead of taking the machine.
    `--v8-flags=--max-old-space-size=${memoryMiB}`,
    `--allow-read=${run.bundleDir}`,
    `--allow-net=${hosts.join(',')}`,
    '--allow-env',
    harnessPath,
  ];
}

/** The --allow-net list, or the entry that cannot be one. */
export function netAllowList(run: FunctionRun): { hosts: string[] } | { invalid: string } {
  const api = apiHost(run.payload.context.variables.SLACK_API_URL);
  const hosts = [...new Set([...run.allowNet, ...(api ? [api] : []), ...SLACK_HOSTS])];
  const invalid = hosts.find((h) => !NET_ENTRY.test(h));
  return invalid === undefined ? { hosts } : { invalid };
}

function apiHost(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs one execution in a fresh Deno process and says how it ended. Never throws. What it prints goes into
 * `output`, from which the caller may take parts while it runs; the result's `output` is the rest.
 */
export function runInDeno(
  run: FunctionRun,
  s: ProcessSettings,
  signal?: AbortSignal,
  output = new OutputCapture(s.outputCapBytes),
): Promise<FunctionRunResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const net = netAllowList(run);
  if ('invalid' in net) {
    return Promise.resolve({ outcome: 'crashed', error: `Not a host name Deno can allow: ${JSON.stringify(net.invalid)}`, output: '', durationMs: 0 });
  }
  if (signal?.aborted) return Promise.resolve({ outcome: 'cancelled', error: 'Cancelled before it started', output: '', durationMs: 0 });
  const timeoutMs = run.timeoutMs ?? s.timeoutMs;
  return new Promise((resolve) => {
    const stderrTail = new OutputCapture(16 * 1024, false);
    // The environment is empty but for Deno's own settings: nothing of the emulator's reaches the function.
    const env: Record<string, string> = { DENO_DIR: s.denoDir, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', DENO_NO_PACKAGE_JSON: '1' };
    // detached: Deno leads its own process group, so a kill reaches anything it started.
    const child = spawn(s.deno, denoArgs(run, s.harnessPath, net.hosts, s.memoryMiB), {
      cwd: run.bundleDir,
      env,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stopped: 'timed_out' | 'cancelled' | undefined;
    const stop = (why: 'timed_out' | 'cancelled') => {
      if (stopped) return;
      stopped = why;
      killGroup(child);
    };
    const timer = setTimeout(() => stop('timed_out'), timeoutMs);
    const onAbort = () => stop('cancelled');
    signal?.addEventListener('abort', onAbort, { once: true });
    let settled = false;
    // A process that cannot start reports 'error', and may report 'close' after it: the first one counts.
    const done = (r: Omit<FunctionRunResult, 'durationMs' | 'output'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve({ ...r, output: output.take({ wholeLines: false }), durationMs: elapsed() });
    };

    child.stdout.on('data', (chunk: Buffer) => output.add(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      output.add(chunk);
      stderrTail.add(chunk);
    });
    // A process that dies before reading its payload closes the pipe under us: its exit says why.
    child.stdin.on('error', () => {});
    child.stdin.end(JSON.stringify(run.payload));

    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT' || e.code === 'EACCES')
        done({ outcome: 'deno_missing', error: `Functions run in Deno, which could not be started from ${s.deno} (${e.code}): ${DENO_FIX}` });
      else done({ outcome: 'crashed', error: `Could not start Deno: ${e.message}` });
    });
    child.on('close', (code, sig) => {
      if (stopped === 'timed_out') return done({ outcome: 'timed_out', error: `The function did not finish within ${seconds(timeoutMs)} and was stopped` });
      if (stopped === 'cancelled') return done({ outcome: 'cancelled', error: 'Cancelled while running' });
      const stderr = stderrTail.text();
      if (code === 0) return done({ outcome: 'returned' });
      if (code === THREW) return done({ outcome: 'threw', error: caughtError(stderr) });
      if (code === UNHANDLED) return done({ outcome: 'threw', error: lastLine(stderr) ?? 'The function does not handle this event' });
      if (OUT_OF_MEMORY.test(stderr)) return done({ outcome: 'crashed', error: outOfMemory(s.memoryMiB) });
      const how = code === null ? `Deno was killed by ${sig ?? 'a signal'}` : `Deno exited with code ${code}`;
      done({ outcome: 'crashed', error: denoError(stderr) ?? how });
    });
  });
}

/** The first line of what the harness printed last; a permission hint without the error's class name. */
function caughtError(stderr: string): string {
  const at = stderr.lastIndexOf(CAUGHT);
  const line = at < 0 ? 'The function failed' : (stderr.slice(at + CAUGHT.length).split('\n')[0] ?? '').trim();
  const hint = [NETWORK_HINT, FILE_HINT].map((h) => line.indexOf(h)).find((i) => i > 0);
  return hint === undefined ? line : line.slice(hint);
}

const outOfMemory = (mib: number) =>
  `out of memory: the function's JavaScript heap reached its limit of ${mib} MiB and it was stopped (rosi emulator --function-memory sets the limit)`;

/** Deno's own report of an uncaught error (`error: Uncaught …`), its first line. */
function denoError(stderr: string): string | undefined {
  const lines = stderr.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i]?.startsWith('error: ')) return (lines[i] as string).trim();
  return undefined;
}

const lastLine = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .at(-1);

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) kill(-child.pid, 'SIGKILL');
  } catch {
    // Gone already, or no process groups here (Windows): the process itself, then.
    child.kill('SIGKILL');
  }
}
