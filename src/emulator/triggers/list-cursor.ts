import { cursorChecksum, openCursor, sealCursor } from '../http/index.js';
import type { TriggerPosition } from './triggers-store.js';

/*
 * A list cursor holds the (created_at, id) of the page's last trigger, checked against the user it was
 * handed to. Pages continue strictly after it, so triggers made or deleted meanwhile shift nothing.
 */

const checksum = (userId: string, p: TriggerPosition) => cursorChecksum('rosi-triggers-v1', userId, p.created_at, p.id);

export function encodeTriggersCursor(userId: string, p: TriggerPosition): string {
  return sealCursor({ t: p.created_at, i: p.id }, checksum(userId, p));
}

/** The position, or undefined when the cursor is not one of ours for this user. */
export function decodeTriggersCursor(userId: string, cursor: string): TriggerPosition | undefined {
  const fields = openCursor(cursor);
  if (!fields) return undefined;
  const { t, i, c } = fields;
  if (!Number.isSafeInteger(t) || typeof i !== 'string') return undefined;
  const p = { created_at: t as number, id: i };
  return c === checksum(userId, p) ? p : undefined;
}
