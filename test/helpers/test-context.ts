import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/program.js';
import { rootGroup } from '../../src/commands/index.js';
import type { Context, ContextSettings } from '../../src/context/context.js';
import { withServices } from '../../src/context/services.js';
import { resolvePaths } from '../../src/config/paths.js';
import { stripAnsi } from '../../src/io/colors.js';
import { createIO } from '../../src/io/io.js';
import { FakePrompter } from './fake-prompter.js';
import { ManualClock } from './manual-clock.js';

export interface TestContextOptions {
  tty?: boolean;
  color?: boolean;
  env?: Record<string, string>;
  /** What the global flags set up in the Context (--json, --verbose, --config-dir, …); a command's own flag values come in its options. */
  settings?: Partial<ContextSettings>;
  prompter?: FakePrompter;
  clock?: ManualClock;
  stdin?: string;
  /** Feeds ctx.stdinStream() chunk by chunk (default: `stdin` in one chunk). */
  stdinChunks?: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;
  home?: string;
  /** The working directory (default: HOME). */
  cwd?: string;
}

export interface TestHarness {
  ctx: Context;
  home: string;
  clock: ManualClock;
  prompter: FakePrompter;
  stdout(): string;
  stderr(): string;
  cleanup(): void;
}

export const defaultSettings: ContextSettings = { json: false, color: true, verbose: false, prompt: true };

/** A Context with a temp HOME, collected output, a manual clock and scripted prompts. */
export function createTestContext(o: TestContextOptions = {}): TestHarness {
  const home = o.home ?? mkdtempSync(join(tmpdir(), 'rosi-test-'));
  const env: Record<string, string | undefined> = { HOME: home, ...o.env };
  const settings = { ...defaultSettings, ...o.settings };
  let out = '';
  let err = '';
  const tty = o.tty ?? false;
  const clock = o.clock ?? new ManualClock();
  const prompter = o.prompter ?? new FakePrompter();
  const io = createIO({
    stdout: { write: (s) => void (out += s) },
    stderr: { write: (s) => void (err += s) },
    isStdoutTTY: tty,
    isStderrTTY: tty,
    isStdinTTY: () => tty,
    stdoutColor: o.color ?? false,
    stderrColor: o.color ?? false,
    columns: 100,
    json: settings.json,
    promptAllowed: settings.prompt && !env.CI,
  });
  const ctx = withServices(
    {
      io,
      env,
      paths: resolvePaths({ env, home, cwd: o.cwd ?? home, platform: 'linux', configDirFlag: settings.configDir }),
      clock,
      fetch: (input, init) => globalThis.fetch(input, init),
      signal: new AbortController().signal,
      prompter,
      version: '0.0.0-test',
      platform: 'linux',
      readStdin: async () => o.stdin ?? '',
      stdinStream: () => toAsync(o.stdinChunks ?? [o.stdin ?? '']),
      withoutExperimentalWarning: (_feature, load) => load(),
    },
    settings,
  );
  return {
    ctx,
    home,
    clock,
    prompter,
    stdout: () => stripAnsi(out),
    stderr: () => stripAnsi(err),
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}

async function* toAsync<T>(chunks: AsyncIterable<T> | Iterable<T>): AsyncGenerator<T> {
  yield* chunks;
}

/**
 * Runs argv through the real command tree in-process, with a test context built from
 * the parsed global flags. Returns the exit code and both streams.
 */
export async function runCliInProcess(
  argv: string[],
  o: TestContextOptions = {},
): Promise<{ code: number; stdout: string; stderr: string; harness: TestHarness | undefined }> {
  let harness: TestHarness | undefined;
  let hostOut = '';
  let hostErr = '';
  const code = await runCli(argv, rootGroup, {
    stdout: { write: (s) => void (hostOut += s) },
    stderr: { write: (s) => void (hostErr += s) },
    env: o.env ?? {},
    isStdoutTTY: false,
    isStderrTTY: false,
    version: '0.0.0-test',
    makeContext: async (settings) => {
      harness = createTestContext({ ...o, settings: { ...settings, ...o.settings } });
      return harness.ctx;
    },
  });
  return { code, stdout: (harness?.stdout() ?? '') + hostOut, stderr: (harness?.stderr() ?? '') + stripAnsi(hostErr), harness };
}
