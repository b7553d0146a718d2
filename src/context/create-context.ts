import { resolvePaths } from '../config/paths.js';
import { colorWanted } from '../io/colors.js';
import { createIO } from '../io/io.js';
import { createReadlinePrompter } from '../io/prompter.js';
import type { Context, ContextSettings } from './context.js';
import type { OutputStream } from './fd-output.js';
import { withoutExperimentalWarning } from './quiet-warning.js';
import { realClock } from './real-clock.js';
import { withServices } from './services.js';

export interface ProcessLike {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadStream;
  stdout: OutputStream;
  stderr: OutputStream;
  platform: NodeJS.Platform;
  cwd(): string;
  emitWarning(warning: string | Error, ...rest: unknown[]): void;
}

/** The production Context. Only this module and main.ts touch `process`. */
export function createContext(proc: ProcessLike, settings: ContextSettings, signal: AbortSignal, version: string): Context {
  const env = Object.freeze({ ...proc.env });
  const home = env.HOME || env.USERPROFILE || proc.cwd();
  const paths = resolvePaths({ env, home, cwd: proc.cwd(), platform: proc.platform, configDirFlag: settings.configDir });
  const ci = Boolean(env.CI) && env.CI !== 'false' && env.CI !== '0';
  const io = createIO({
    stdout: proc.stdout,
    stderr: proc.stderr,
    isStdoutTTY: proc.stdout.isTTY === true,
    isStderrTTY: proc.stderr.isTTY === true,
    // Lazy: touching process.stdin builds a stream (and loads tty or net).
    isStdinTTY: () => proc.stdin.isTTY === true,
    stdoutColor: colorWanted(proc.stdout.isTTY === true, env, settings.color),
    stderrColor: colorWanted(proc.stderr.isTTY === true, env, settings.color),
    columns: proc.stdout.columns || 100,
    json: settings.json,
    promptAllowed: settings.prompt && !ci,
  });
  return withServices(
    {
      io,
      env,
      paths,
      clock: realClock,
      fetch: proxyAwareFetch(env),
      signal,
      prompter: createReadlinePrompter(
        () => proc.stdin,
        () => proc.stderr.nodeStream(),
      ),
      version,
      platform: proc.platform,
      readStdin: async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of proc.stdin) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks).toString('utf8');
      },
      stdinStream: () => proc.stdin,
      withoutExperimentalWarning: (feature, load) => withoutExperimentalWarning(proc, feature, load),
    },
    settings,
  );
}

/**
 * Node 20's fetch ignores HTTPS_PROXY; undici's EnvHttpProxyAgent honours it and NO_PROXY.
 * It is loaded only when a proxy is configured and a request is about to be made.
 */
function proxyAwareFetch(env: Readonly<Record<string, string | undefined>>): typeof globalThis.fetch {
  const proxied = ['HTTPS_PROXY', 'HTTP_PROXY', 'https_proxy', 'http_proxy'].some((k) => env[k]);
  if (!proxied) return globalThis.fetch;
  let ready: Promise<void> | undefined;
  return async (input, init) => {
    ready ??= import('undici').then(({ EnvHttpProxyAgent, setGlobalDispatcher }) => setGlobalDispatcher(new EnvHttpProxyAgent()));
    await ready;
    return globalThis.fetch(input, init);
  };
}
