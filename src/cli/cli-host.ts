import type { Context, ContextSettings } from '../context/context.js';
import type { Sink } from '../io/io.js';

/** What the runner needs from the process that runs it: streams, env, and how to build a Context. */
export interface CliHost {
  stdout: Sink;
  stderr: Sink;
  env: Readonly<Record<string, string | undefined>>;
  isStdoutTTY: boolean;
  isStderrTTY: boolean;
  version: string;
  makeContext(settings: ContextSettings): Promise<Context>;
}
