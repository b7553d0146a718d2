import { NetworkError } from '../errors/cli-error.js';
import { isLoopbackHost } from '../lib/loopback.js';

/** The errno-style code behind a fetch failure (`ECONNREFUSED`, `ERR_SSL_WRONG_VERSION_NUMBER`). */
export function causeCode(e: unknown): string | undefined {
  const cause = e instanceof Error ? (e.cause as { code?: unknown; errors?: { code?: unknown }[] } | undefined) : undefined;
  const code = cause?.code ?? cause?.errors?.[0]?.code;
  return typeof code === 'string' ? code : undefined;
}

/** undici says only "fetch failed"; what happened ("bad port", "unexpected redirect") is in the cause. */
export function causeMessage(e: unknown): string {
  return e instanceof Error && e.cause instanceof Error ? e.cause.message : '';
}

/** https spoken to a server that answers in plain http (`rosi emulator`). */
export const TLS_MISMATCH: ReadonlySet<string> = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'EPROTO']);
const CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS_CERT/;
const NO_CONNECTION = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Nothing listens there, and on this machine nothing is on its way: retrying only wastes time. */
export function refusedOnLoopback(e: unknown, url: string): boolean {
  return causeCode(e) === 'ECONNREFUSED' && isLoopbackHost(new URL(url).hostname);
}

/**
 * Failures that the same request can never get past: a port fetch forbids, https spoken to
 * a plain-http server, a certificate that does not verify, a redirect, or a refused
 * connection on loopback (no server is running there).
 */
export function cannotRecover(e: unknown, url: string): boolean {
  const code = causeCode(e) ?? '';
  const said = causeMessage(e);
  return said === 'bad port' || said === 'unexpected redirect' || TLS_MISMATCH.has(code) || CERTIFICATE.test(code) || refusedOnLoopback(e, url);
}

/**
 * True when a request failed before any server could read it (no connection, no such
 * host, a refused certificate): whatever it asked for did not happen.
 */
export function neverSent(e: unknown): boolean {
  const failure = e instanceof NetworkError ? e.cause : e;
  const code = causeCode(failure) ?? '';
  return causeMessage(failure) === 'bad port' || NO_CONNECTION.has(code) || TLS_MISMATCH.has(code) || CERTIFICATE.test(code);
}
