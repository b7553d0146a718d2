import { cursorChecksum, openCursor, sealCursor } from '../http/index.js';

/* A query cursor holds k, the last evaluated primary key, checked against the app and datastore. */

const checksum = (appId: string, datastore: string, key: string) => cursorChecksum('rosi-cursor-v1', appId, datastore, key);

export function encodeCursor(appId: string, datastore: string, lastKey: string): string {
  return sealCursor({ k: lastKey }, checksum(appId, datastore, lastKey));
}

/** The last evaluated key, or undefined when the cursor is not one of ours for this datastore. */
export function decodeCursor(appId: string, datastore: string, cursor: string): string | undefined {
  const fields = openCursor(cursor);
  const k = fields?.k;
  return typeof k === 'string' && fields?.c === checksum(appId, datastore, k) ? k : undefined;
}
