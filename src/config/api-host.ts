import { UsageError } from '../errors/cli-error.js';
import { isLoopbackHost } from '../lib/loopback.js';

export const DEFAULT_API_HOST = 'https://slack.com';

export { isLoopbackHost };

/**
 * Normalises an API host to its origin (`https://slack.com`). Plain http is refused
 * except for loopback hosts, so a token can never cross a network in clear text.
 * A host given without a scheme gets the one it can have: https, or on loopback http,
 * which is what `rosi emulator` serves (`127.0.0.1:5810` means the emulator).
 */
export function normalizeApiHost(input: string, source = '--apihost'): string {
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(input);
  let url: URL;
  try {
    url = new URL(hasScheme ? input : `https://${input}`);
    if (!hasScheme && isLoopbackHost(url.hostname)) url = new URL(`http://${input}`);
  } catch {
    throw new UsageError(`${source} is not a valid URL: ${JSON.stringify(input)}`, {
      code: 'invalid_apihost',
      hint: 'Use a URL like https://slack.com, or http://127.0.0.1:5810 for `rosi emulator`.',
    });
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new UsageError(`${source} uses plain http:// for a non-loopback host (${url.host})`, {
      code: 'insecure_apihost',
      hint: 'Use https://, or http:// only with localhost / 127.0.0.1 / [::1].',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${source} must be an http(s) URL, got ${url.protocol}`, { code: 'invalid_apihost' });
  }
  return url.origin;
}
