import { isIP } from 'node:net';
import { isLoopbackHost } from '../../lib/loopback.js';

/**
 * Whether a request's Host header names this emulator. A web page can point a name it
 * controls at 127.0.0.1 (DNS rebinding) and then read the answers as same-origin: it could
 * approve a ticket and take the token. Such requests carry that name in Host, so only
 * loopback names, the --host the emulator was started with and IP literals (which no one
 * can rebind) are served. No Host at all is not a browser, so not that threat.
 */
export function hostAllowed(header: string | undefined, listenHost: string): boolean {
  if (header === undefined) return true;
  const name = hostnameOf(header);
  if (name === undefined) return false;
  return isLoopbackHost(name) || isIP(name) !== 0 || name === listenHost.replace(/^\[|\]$/g, '').toLowerCase();
}

/** The host name of a Host header, lower-cased and without port or IPv6 brackets. */
function hostnameOf(header: string): string | undefined {
  const m = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9.-]+))(?::\d{1,5})?$/i.exec(header.trim());
  const name = m?.[1] ?? m?.[2];
  return name?.toLowerCase().replace(/\.$/, '');
}

/** The answer to a request for another host; it does not repeat the name, which the requester chose. */
export const HOST_NOT_ALLOWED = {
  ok: false,
  error: 'host_not_allowed',
  response_metadata: {
    messages: [
      '[ERROR] The emulator answers only requests addressed to localhost, 127.0.0.1, [::1], an IP address or the name it was started with (--host <name>).',
    ],
  },
};
