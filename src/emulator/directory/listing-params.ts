import { MethodError } from '../errors.js';
import { cursorChecksum, openCursor, sealCursor, stringParam, type ParsedRequest } from '../http/index.js';

/*
 * What the conversations.* listings share: Slack's `limit` and `cursor`. A limit is a whole number from 1 to
 * the method's most; absent (or 0, which Slack's paging docs treat as "no preference") it is the method's
 * default; anything else is invalid_limit. Cursors are sealed (http/sealed-cursor.ts) over what they page —
 * method, team, channel — so a garbled one, or one from another channel or listing, is invalid_cursor.
 */

export function limitParam(req: ParsedRequest, o: { fallback: number; max: number }): number {
  const raw = stringParam(req, 'limit');
  if (raw === undefined || raw === '0') return o.fallback;
  if (!/^\d{1,7}$/.test(raw) || Number(raw) > o.max) throw new MethodError('invalid_limit');
  return Number(raw);
}

/** The position a cursor holds (a `ts` or a count), or undefined without one; invalid_cursor for any other. */
export function cursorPosition(req: ParsedRequest, scope: readonly string[]): string | undefined {
  const cursor = stringParam(req, 'cursor');
  if (cursor === undefined) return undefined;
  const fields = openCursor(cursor);
  const at = fields?.at;
  if (typeof at !== 'string' || fields?.c !== cursorChecksum('conversations-1', ...scope, at)) throw new MethodError('invalid_cursor');
  return at;
}

export function nextCursor(scope: readonly string[], at: string): string {
  return sealCursor({ at }, cursorChecksum('conversations-1', ...scope, at));
}
