import { createHash } from 'node:crypto';

/*
 * A query cursor is base64url JSON {k, c}: k the last evaluated primary key, c a checksum
 * over it, the app and the datastore. Cursors are opaque to clients; the checksum turns a
 * garbled one, or one from another datastore, into invalid_cursor instead of a wrong page.
 * It is not a secret: there is nothing to forge that the caller cannot already read.
 */

const checksum = (appId: string, datastore: string, key: string) =>
  createHash('sha256').update(`rosi-cursor-v1\0${appId}\0${datastore}\0${key}`).digest('base64url').slice(0, 16);

export function encodeCursor(appId: string, datastore: string, lastKey: string): string {
  return Buffer.from(JSON.stringify({ k: lastKey, c: checksum(appId, datastore, lastKey) })).toString('base64url');
}

/** The last evaluated key, or undefined when the cursor is not one of ours for this datastore. */
export function decodeCursor(appId: string, datastore: string, cursor: string): string | undefined {
  const bytes = Buffer.from(cursor, 'base64url');
  // Node decodes leniently (stray characters are skipped): only the exact encoding we hand out counts.
  if (bytes.toString('base64url') !== cursor) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object') return undefined;
  const { k, c } = parsed as { k?: unknown; c?: unknown };
  return typeof k === 'string' && c === checksum(appId, datastore, k) ? k : undefined;
}
