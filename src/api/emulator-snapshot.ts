import { CancelledError, CliError, NetworkError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { isLoopbackHost } from '../lib/loopback.js';
import { causeCode, causeMessage } from './network-failure.js';

/*
 * `rosi emulator snapshot save|load` on the wire: GET and PUT of the emulator's snapshot endpoint. No token goes
 * with either: the emulator answers them only on loopback, from this machine. The path and media type are the
 * emulator's (src/emulator/snapshot/), handed in by the command.
 */

export interface SnapshotHttp {
  fetch: typeof globalThis.fetch;
  signal: AbortSignal;
  userAgent: string;
  /** How long the emulator may take to start answering; a long transfer once started is not cut. */
  timeoutMs: number;
  log?: ((line: string) => void) | undefined;
}

export interface SnapshotEndpoint {
  /** The emulator's origin, a loopback one. */
  origin: string;
  path: string;
  mediaType: string;
}

/** No emulator answers at the origin: nothing listens there. The command says how to start one. */
export class EmulatorNotRunningError extends CliError {
  constructor(origin: string, cause: unknown) {
    super('emulator_not_running', `No emulator is listening at ${origin}`, ExitCode.failed, { cause });
  }
}

/** The emulator's answer to a load: what it loaded, or why it refused the file. */
export type LoadAnswer =
  | { ok: true; created_at?: string; rosi_version?: string; schema_version?: number }
  | { ok: false; status: number; error: string; reason?: string; hint?: string; message?: string };

/** The snapshot's bytes as the emulator sends them, once it has started answering. */
export async function downloadSnapshot(to: SnapshotEndpoint, o: SnapshotHttp): Promise<AsyncIterable<Uint8Array>> {
  const res = await request(to, { method: 'GET', headers: { accept: to.mediaType } }, o);
  if (res.status !== 200 || !res.body) {
    const text = await res.text().catch(() => '');
    throw new CliError('snapshot_save_failed', `The emulator at ${to.origin} did not send a snapshot: HTTP ${res.status}${said(text)}`, ExitCode.failed, {
      hint: res.status === 404 ? 'Is it a rosi emulator, and as new as this rosi? Start one with `rosi emulator start`.' : undefined,
    });
  }
  // Node’s web streams are async iterable; the DOM types do not say so.
  return res.body as unknown as AsyncIterable<Uint8Array>;
}

/** Sends a snapshot file's bytes for the emulator to load in place of its state. */
export async function uploadSnapshot(to: SnapshotEndpoint, body: AsyncIterable<Uint8Array>, size: number, o: SnapshotHttp): Promise<LoadAnswer> {
  const init = {
    method: 'PUT',
    headers: { 'content-type': to.mediaType, 'content-length': String(size) },
    body: body as unknown as BodyInit,
    duplex: 'half',
  } as RequestInit;
  const res = await request(to, init, o);
  const text = await res.text();
  let json: Record<string, unknown> | undefined;
  try {
    const v: unknown = JSON.parse(text);
    json = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    json = undefined;
  }
  if (res.status === 200 && json?.ok === true) return json as LoadAnswer & { ok: true };
  if (json?.ok === false && typeof json.error === 'string') {
    const str = (k: string) => (typeof json[k] === 'string' ? { [k]: json[k] as string } : {});
    return { ok: false, status: res.status, error: json.error, ...str('reason'), ...str('hint'), ...str('message') };
  }
  throw new CliError('snapshot_load_failed', `The emulator at ${to.origin} answered HTTP ${res.status}${said(text)}`, ExitCode.failed);
}

const said = (text: string) => (text ? `: ${text.slice(0, 200)}` : '');

async function request(to: SnapshotEndpoint, init: RequestInit, o: SnapshotHttp): Promise<Response> {
  const url = new URL(to.path, to.origin);
  // The emulator answers snapshots only on loopback; refusing here keeps a typo from sending every app's data away.
  if (url.protocol !== 'http:' || !isLoopbackHost(url.hostname)) {
    throw new CliError('not_emulator', `${to.origin} is not an emulator on this machine`, ExitCode.usage);
  }
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  o.signal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(), o.timeoutMs);
  o.log?.(`→ ${init.method ?? 'GET'} ${url.origin}${url.pathname}`);
  try {
    const res = await o.fetch(url, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), 'user-agent': o.userAgent },
      signal: controller.signal,
      redirect: 'error',
    });
    o.log?.(`← ${res.status} ${url.origin}${url.pathname}`);
    return res;
  } catch (e) {
    if (o.signal.aborted) throw new CancelledError();
    if (causeCode(e) === 'ECONNREFUSED') throw new EmulatorNotRunningError(to.origin, e);
    const why = controller.signal.aborted
      ? `no answer in ${o.timeoutMs / 1000} s`
      : [e instanceof Error ? e.message : String(e), causeMessage(e)].filter(Boolean).join(': ');
    throw new NetworkError(`Reaching the emulator at ${to.origin} failed: ${why}`, { cause: e });
  } finally {
    // Headers came (or nothing will): a large snapshot may take long to stream, and that is not a hang. The run's
    // signal stays tied to the body, so Ctrl-C still stops a transfer.
    clearTimeout(timer);
  }
}
