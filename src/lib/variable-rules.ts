/*
 * What a hosted environment variable may be. Slack publishes no rule (its methods have no
 * reference page), so rosi checks these before it sends anything and the emulator enforces
 * the same ones: a mistake shows up locally, not as a puzzling server error.
 */

/** A name as a shell or Deno.env would take it: a letter or underscore, then letters, digits, underscores. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Names past this length are surely a mistake (a value pasted where the name goes). */
export const MAX_VARIABLE_NAME_BYTES = 256;

/**
 * The largest value, in UTF-8 bytes: 32 KiB holds a certificate chain, a PEM private key or
 * a cloud service-account JSON with room to spare, and stops a wrong file (a log, a binary)
 * going up as a secret. GitHub caps a secret at 48 KB, Cloudflare a Worker secret at 5 KiB;
 * Slack's own cap is unknown, and a lower one would still be refused by the server.
 */
export const MAX_VARIABLE_VALUE_BYTES = 32 * 1024;

/** Why a name is refused, or undefined when it is fine. */
export function variableNameProblem(name: string): string | undefined {
  if (name === '') return 'the name is empty';
  if (Buffer.byteLength(name) > MAX_VARIABLE_NAME_BYTES) return `the name is longer than ${MAX_VARIABLE_NAME_BYTES} bytes`;
  if (!VARIABLE_NAME.test(name)) return 'a name starts with a letter or _ and holds only letters, digits and _';
  return undefined;
}

/** Why a value is refused (never quoting it: values are secrets), or undefined when it is fine. */
export function variableValueProblem(value: string, maxBytes = MAX_VARIABLE_VALUE_BYTES): string | undefined {
  const bytes = Buffer.byteLength(value);
  if (bytes > maxBytes) return `the value is ${bytes} bytes, over the ${maxBytes}-byte limit`;
  // A process environment cannot hold NUL: the runtime could never hand such a value to code.
  if (value.includes('\0')) return 'the value holds a NUL character, which no environment variable can';
  return undefined;
}
