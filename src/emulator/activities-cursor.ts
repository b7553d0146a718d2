import { createHash } from 'node:crypto';
import type { Position } from './activities-store.js';

/*
 * An activities cursor is base64url JSON {t, i, d, c}: the (created, id) of the page's last
 * row, the direction it was read in, and a checksum tying them to the app. Pages continue
 * strictly after that key, so rows added meanwhile neither shift nor repeat a page. The
 * checksum turns a garbled cursor, or another app's, into invalid_cursor; it is not a secret.
 */

export type Direction = 'asc' | 'desc';

const checksum = (appId: string, p: Position, d: Direction) =>
  createHash('sha256').update(`rosi-activities-v1\0${appId}\0${p.created}\0${p.id}\0${d}`).digest('base64url').slice(0, 16);

export function encodeActivitiesCursor(appId: string, p: Position, d: Direction): string {
  return Buffer.from(JSON.stringify({ t: p.created, i: p.id, d, c: checksum(appId, p, d) })).toString('base64url');
}

/** The position and direction, or undefined when the cursor is not one of ours for this app. */
export function decodeActivitiesCursor(appId: string, cursor: string): { after: Position; direction: Direction } | undefined {
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
  const { t, i, d, c } = parsed as Record<string, unknown>;
  if (!Number.isSafeInteger(t) || !Number.isSafeInteger(i) || (d !== 'asc' && d !== 'desc')) return undefined;
  const after = { created: t as number, id: i as number };
  return c === checksum(appId, after, d) ? { after, direction: d } : undefined;
}
