import { createHash } from 'node:crypto';
import { isObject } from '../../lib/is-object.js';

/*
 * Cursors are base64url JSON: the fields a room needs to continue, plus `c`, a checksum over
 * them and what they belong to (app, datastore). Opaque to clients; the checksum turns a
 * garbled cursor, or another app's, into invalid_cursor instead of a wrong page. It is not a
 * secret: there is nothing to forge that the caller cannot already read.
 */

/** A short checksum over the parts, in order; `label` versions the format. */
export function cursorChecksum(label: string, ...parts: (string | number)[]): string {
  return createHash('sha256')
    .update([label, ...parts].join('\0'))
    .digest('base64url')
    .slice(0, 16);
}

export function sealCursor(fields: Record<string, unknown>, checksum: string): string {
  return Buffer.from(JSON.stringify({ ...fields, c: checksum })).toString('base64url');
}

/** The fields of a cursor in the exact encoding we hand out, or undefined; the caller checks `c`. */
export function openCursor(cursor: string): Record<string, unknown> | undefined {
  const bytes = Buffer.from(cursor, 'base64url');
  // Node decodes leniently (stray characters are skipped): only the exact encoding we hand out counts.
  if (bytes.toString('base64url') !== cursor) return undefined;
  try {
    const parsed: unknown = JSON.parse(bytes.toString('utf8'));
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
