import type { EmulatorDeps } from '../deps.js';
import type { ParsedRequest } from './request.js';

// A host name or IPv4 address, or a bracketed IPv6 address, with an optional port.
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The origin the client reached the emulator at, for URLs handed back to it (uploads).
 * The Host header says how this client reaches us (another host name, a container alias);
 * without a sane one, the address the emulator listens on.
 */
export function originOf(req: Pick<ParsedRequest, 'headers'>, deps: EmulatorDeps): string {
  const host = req.headers.host;
  return host && HOST.test(host) ? `http://${host}` : deps.origin();
}
