import type { Position } from './activities-store.js';
import { cursorChecksum, openCursor, sealCursor } from '../http/index.js';

/*
 * An activities cursor holds the (created, id) of the page's last row (t, i) and the direction
 * it was read in (d). Pages continue strictly after that key, so rows added meanwhile neither
 * shift nor repeat a page.
 */

export type Direction = 'asc' | 'desc';

const checksum = (appId: string, p: Position, d: Direction) => cursorChecksum('rosi-activities-v1', appId, p.created, p.id, d);

export function encodeActivitiesCursor(appId: string, p: Position, d: Direction): string {
  return sealCursor({ t: p.created, i: p.id, d }, checksum(appId, p, d));
}

/** The position and direction, or undefined when the cursor is not one of ours for this app. */
export function decodeActivitiesCursor(appId: string, cursor: string): { after: Position; direction: Direction } | undefined {
  const fields = openCursor(cursor);
  if (!fields) return undefined;
  const { t, i, d, c } = fields;
  if (!Number.isSafeInteger(t) || !Number.isSafeInteger(i) || (d !== 'asc' && d !== 'desc')) return undefined;
  const after = { created: t as number, id: i as number };
  return c === checksum(appId, after, d) ? { after, direction: d } : undefined;
}
