import type { SlackApi } from '../api/client.js';
import type { CredentialStore } from '../auth/credential-store.js';
import type { Session } from '../auth/session.js';
import type { Paths } from '../config/paths.js';
import type { IO } from '../io/io.js';
import type { Prompter } from '../io/prompter.js';
import type { Clock } from '../lib/clock.js';

/**
 * The global flags that configure a Context's dependencies, read once by the runner: the
 * credentials folder (paths), colour and output mode (io), prompting, the token, team and
 * host (session) and the HTTP log. They build the dependencies and are not kept on the
 * Context: a command that needs a flag's value declares it in its own options
 * (kit/global-options.ts), so the Context holds dependencies only.
 */
export interface ContextSettings {
  team?: string | undefined;
  token?: string | undefined;
  tokenFile?: string | undefined;
  apihost?: string | undefined;
  configDir?: string | undefined;
  /** JSON output: `--json`, or a datastore command's `--output json`. */
  json: boolean;
  color: boolean;
  verbose: boolean;
  prompt: boolean;
}

/** Everything a command may touch outside itself. Built by main.ts, or by tests. */
export interface Context {
  readonly io: IO;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly paths: Paths;
  readonly clock: Clock;
  readonly fetch: typeof globalThis.fetch;
  readonly signal: AbortSignal;
  readonly prompter: Prompter;
  readonly version: string;
  readonly platform: string;
  /** Reads stdin to the end (for `--token-file -`). */
  readStdin(): Promise<string>;
  /** Stdin as it arrives, for input too large to hold (`datastore import -`). Read it once. */
  stdinStream(): AsyncIterable<Uint8Array | string>;
  credentials(): CredentialStore;
  /** Resolves which token and host this invocation uses (flag > env > stored credential). */
  session(): Promise<Session>;
  api(): Promise<SlackApi>;
  /** A client for a host with no token of its own (login, revoking a given token). */
  rawApi(host: string): Promise<SlackApi>;
  /** How rosi talks HTTP (user agent, timeout, --verbose log), for hosts other than Slack's API. */
  http(): HttpSettings;
  /** Runs load without the ExperimentalWarning Node prints as `feature` (e.g. 'SQLite') loads. */
  withoutExperimentalWarning<T>(feature: string, load: () => Promise<T>): Promise<T>;
}

export interface HttpSettings {
  fetch: typeof globalThis.fetch;
  clock: Clock;
  signal: AbortSignal;
  userAgent: string;
  timeoutMs: number;
  log: ((line: string) => void) | undefined;
}
