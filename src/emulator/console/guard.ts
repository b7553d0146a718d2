import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ConsoleError } from './reply.js';

/** The header a console page sends its same-origin token in (read from the page's `<meta name="rosi-console-token">`). */
export const TOKEN_HEADER = 'x-rosi-console-token';

/**
 * Whether a state-changing console request may go on. Three locks, any of which stops a page on another
 * site from changing the emulator's state through the user's browser (CSRF):
 * - the same-origin token, which only a page served by this emulator can read (a cross-origin page cannot
 *   read our HTML, and a custom header makes the browser ask first, which we never allow);
 * - `Sec-Fetch-Site` (or `Origin`, for browsers that send no fetch metadata) naming this origin;
 * - a JSON or JSON Lines body, which an HTML form cannot send.
 * The Host header was checked before any of this, for every request (DNS rebinding).
 */
export function checkWrite(req: IncomingMessage, token: string): void {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') throw refused('the request came from another site');
  const origin = req.headers.origin;
  if (origin !== undefined && !sameHost(origin, req.headers.host)) throw refused('the request came from another origin');
  const given = req.headers[TOKEN_HEADER];
  if (typeof given !== 'string' || !equal(given, token)) throw refused(`the ${TOKEN_HEADER} header is missing or wrong`);
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (req.method !== 'DELETE' && type !== 'application/json' && type !== 'application/x-ndjson') {
    throw new ConsoleError(415, 'unsupported_media_type', 'Console writes take application/json or application/x-ndjson bodies.');
  }
}

function refused(why: string): ConsoleError {
  return new ConsoleError(403, 'forbidden', `Refused: ${why}. The console changes state only for its own pages.`, {
    hint: 'Use the console in the browser at the emulator’s address, or the rosi CLI.',
  });
}

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
