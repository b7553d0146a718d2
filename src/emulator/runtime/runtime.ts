import { createHash, randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_FUNCTION_MEMORY_MIB } from '../defaults.js';
import harnessSource from './deno-harness.js?raw';
import { bundleFolderPath, KEPT_DEPLOYMENTS, pruneBundles, unpackBundle, type DeployedBundle } from './bundle-folder.js';
import { DENO_FIX, findDeno, type DenoLocation, type DenoSearch } from './deno-path.js';
import { OutputCapture } from './output-capture.js';
import { runInDeno, type FunctionRun, type FunctionRunResult } from './run-function.js';
import { RunSlots } from './run-slots.js';

export interface RuntimeSettings {
  /** Where Deno is looked for (deno-path.ts). */
  deno: DenoSearch;
  /** The runtime's folder (`<data-dir>/runtime`); null makes a temporary one, removed by close(). */
  dir: string | null;
  /** A run's time limit when it names none (`--function-timeout`). */
  functionTimeoutMs: number;
  /** A run's JavaScript heap limit in MiB (`--function-memory`); DEFAULT_FUNCTION_MEMORY_MIB when left out. */
  functionMemoryMiB?: number;
  /** Deno processes at once; more runs wait (`--max-executions`). */
  maxExecutions: number;
  /** How much of a run's output is kept, in bytes (its tail). */
  outputCapBytes?: number;
  /** How many of an app's deployments keep their unpacked folder; KEPT_DEPLOYMENTS when left out. */
  keptDeployments?: number;
}

/** What the workflow engine uses to run an app's functions. */
export interface Runtime {
  /** The Deno found at start, or why none was (looked for again at each run while missing). */
  readonly deno: DenoLocation;
  /** The deployment's bundle, unpacked on first use; run() takes this folder. */
  bundleFolder(d: DeployedBundle): Promise<string>;
  /**
   * What the run named `executionId` has printed since the last take, up to its last whole line (the line
   * being written waits); '' when nothing, or when no such run is running. Its result's `output` is the rest.
   */
  takeOutput(executionId: string): Promise<string>;
  /** One execution, when a slot is free. Never throws: how it ended is in the result. */
  run(r: FunctionRun, signal?: AbortSignal): Promise<FunctionRunResult>;
  /**
   * One execution from the deployment's bundle: its folder is held from before it is unpacked until the run
   * ends, so pruning old deployments never removes it underneath. Rejects only when the bundle cannot be unpacked.
   */
  runDeployed(d: DeployedBundle, r: Omit<FunctionRun, 'bundleDir'>, signal?: AbortSignal): Promise<FunctionRunResult>;
  /** Kills every running execution, cancels the waiting ones, and removes a temporary folder. */
  close(): Promise<void>;
}

/** 64 KiB: pages of a log, far more than an activity entry is read for. */
export const DEFAULT_OUTPUT_CAP_BYTES = 64 * 1024;

export async function createRuntime(s: RuntimeSettings): Promise<Runtime> {
  // Its folder is made without trips to the thread pool (one per node:fs/promises call): the emulator's launch
  // waits for it, and these few calls cost less in place.
  const dir = s.dir ?? mkdtempSync(join(tmpdir(), 'rosi-emulator-runtime-'));
  const denoDir = join(dir, 'deno-dir');
  const bundlesDir = join(dir, 'bundles');
  mkdirSync(denoDir, { recursive: true });
  const harnessPath = writeHarness(dir);
  const slots = new RunSlots(s.maxExecutions);
  const stopAll = new AbortController();
  // Every running and waiting run listens for close(): hundreds at once is the design, not a leak.
  setMaxListeners(0, stopAll.signal);
  const running = new Set<Promise<unknown>>();
  // The output of runs in Deno now, by executionId: takeOutput's.
  const outputs = new Map<string, OutputCapture>();
  const unpacking = new Map<string, Promise<string>>();
  // Folders runs in flight (running or waiting for a slot) use, with how many: pruning passes over them.
  const held = new Map<string, number>();
  const hold = (folder: string) => {
    held.set(folder, (held.get(folder) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (held.get(folder) ?? 1) - 1;
      if (left > 0) held.set(folder, left);
      else held.delete(folder);
    };
  };
  const keep = s.keptDeployments ?? KEPT_DEPLOYMENTS;
  let deno = await findDeno(s.deno);
  let closed = false;

  const bundleFolder = async (d: DeployedBundle): Promise<string> => {
    const key = `${d.appId}/${d.version}/${d.s3Key}`;
    const pending = unpacking.get(key) ?? unpackBundle(bundlesDir, d).finally(() => unpacking.delete(key));
    unpacking.set(key, pending);
    const folder = await pending;
    // Best effort: a folder that cannot go now goes at a later deployment's first run.
    await pruneBundles(bundlesDir, d.appId, keep, (f) => held.has(f) || f === folder).catch(() => undefined);
    return folder;
  };

  const run = (r: FunctionRun, signal?: AbortSignal): Promise<FunctionRunResult> => {
    const release = hold(r.bundleDir);
    return runHeld(r, signal).finally(release);
  };

  const runHeld = async (r: FunctionRun, signal?: AbortSignal): Promise<FunctionRunResult> => {
    const cancelled = (error: string): FunctionRunResult => ({ outcome: 'cancelled', error, output: '', durationMs: 0 });
    if (closed) return cancelled('The emulator is stopping');
    const stop = signal ? AbortSignal.any([signal, stopAll.signal]) : stopAll.signal;
    const release = await slots.acquire(stop);
    if (!release) return cancelled(stopAll.signal.aborted ? 'The emulator is stopping' : 'Cancelled before it started');
    try {
      if (deno.path === null) deno = await findDeno(s.deno);
      if (deno.path === null) return { outcome: 'deno_missing', error: `${deno.reason}: ${DENO_FIX}`, output: '', durationMs: 0 };
      const settings = {
        deno: deno.path,
        harnessPath,
        denoDir,
        timeoutMs: s.functionTimeoutMs,
        memoryMiB: s.functionMemoryMiB ?? DEFAULT_FUNCTION_MEMORY_MIB,
        outputCapBytes: s.outputCapBytes ?? DEFAULT_OUTPUT_CAP_BYTES,
      };
      const output = new OutputCapture(settings.outputCapBytes);
      if (r.executionId !== undefined) outputs.set(r.executionId, output);
      const result = runInDeno(r, settings, stop, output);
      running.add(result);
      return await result.finally(() => {
        running.delete(result);
        if (r.executionId !== undefined && outputs.get(r.executionId) === output) outputs.delete(r.executionId);
      });
    } finally {
      release();
    }
  };

  return {
    get deno() {
      return deno;
    },
    bundleFolder,
    takeOutput: async (executionId) => {
      // A function prints, then calls the API: its bytes are in the pipe before its request reaches us, but the
      // event loop may hand us the request first. One turn of the loop reads what the pipes already hold.
      await new Promise((resolve) => setImmediate(resolve));
      return outputs.get(executionId)?.take({ wholeLines: true }) ?? '';
    },
    run,
    runDeployed: async (d, r, signal) => {
      const release = hold(bundleFolderPath(bundlesDir, d));
      try {
        return await run({ ...r, bundleDir: await bundleFolder(d) }, signal);
      } finally {
        release();
      }
    },
    close: async () => {
      closed = true;
      slots.cancelAll();
      stopAll.abort();
      await Promise.allSettled([...running]);
      if (s.dir === null) await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The harness ships inside the emulator's bundle as text and is written next to the bundles,
 * named by its hash: a new rosi writes its own, and a file that exists is whole (temp + rename).
 */
function writeHarness(dir: string): string {
  const hash = createHash('sha256').update(harnessSource).digest('hex').slice(0, 16);
  const path = join(dir, `harness-${hash}.ts`);
  if (existsSync(path)) return path;
  const temporary = `${path}.${randomUUID()}.tmp`;
  writeFileSync(temporary, harnessSource, { mode: 0o644 });
  renameSync(temporary, path);
  return path;
}
