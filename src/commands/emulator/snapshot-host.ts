import { isEmulatorHost, requestedHost } from '../../auth/host.js';
import type { Context } from '../../context/context.js';
import { CliError, UsageError } from '../../errors/cli-error.js';
import { EmulatorNotRunningError, type SnapshotHttp } from '../../api/emulator-snapshot.js';

/** Where `rosi emulator` serves when started without --host or --port. */
export const EMULATOR_DEFAULT_URL = 'http://127.0.0.1:5810';
/** How long the emulator may take to start answering a snapshot request (a large save first copies its database). */
const ANSWER_TIMEOUT_MS = 120_000;

/**
 * The emulator a snapshot command talks to: --apihost or ROSI_APIHOST, checked as every host is (auth/host.ts), and
 * then only one on this machine: a snapshot holds every app's data and replaces it.
 */
export function snapshotHost(ctx: Context, apihost: string | undefined, verb: 'save' | 'load'): string {
  const host = requestedHost(apihost, ctx.env) ?? EMULATOR_DEFAULT_URL;
  if (!isEmulatorHost(host)) {
    throw new UsageError(`rosi emulator snapshot ${verb} works with an emulator on this machine, and ${host} is not one`, {
      code: 'not_emulator',
      hint: `Name a loopback emulator: --apihost ${EMULATOR_DEFAULT_URL} (or ROSI_APIHOST); snapshots are not taken of Slack.`,
    });
  }
  return host;
}

export function snapshotHttp(ctx: Context): SnapshotHttp {
  const http = ctx.http();
  return { fetch: http.fetch, signal: http.signal, userAgent: http.userAgent, timeoutMs: Math.max(http.timeoutMs, ANSWER_TIMEOUT_MS), log: http.log };
}

/** Nothing listens there: the hint is the whole command that starts an emulator at that address. */
export function withStartHint(e: unknown, host: string): unknown {
  if (!(e instanceof EmulatorNotRunningError)) return e;
  const url = new URL(host);
  const port = url.port || '80';
  const flags = [...(url.hostname === '127.0.0.1' ? [] : [`--host ${url.hostname.replace(/^\[|\]$/g, '')}`]), ...(port === '5810' ? [] : [`--port ${port}`])];
  return new CliError(e.code, e.message, e.exitCode, { hint: `Start one with: ${['rosi emulator start', ...flags].join(' ')}`, cause: e.cause });
}
