import type { ServerResponse } from 'node:http';
import { encodeJson } from './raw-json.js';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  // Encoded once: its length and the bytes sent both come from it (a page of items holding any character
  // beyond Latin-1 is a two-byte string, which cost as much to measure as to encode).
  const bytes = encodeJson(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length, 'cache-control': 'no-store' });
  res.end(bytes);
}

/*
 * The approval page grants tokens with one click: no framing (clickjacking), no external
 * anything, and forms may post only back to the emulator.
 */
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  // Not no-referrer: with it, browsers send `Origin: null` and the approval check can't pass.
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { ...PAGE_HEADERS, 'content-length': Buffer.byteLength(html) });
  res.end(html);
}

/** What the server answers for paths that are not there: Slack-shaped JSON, status 404. */
export function sendNotFound(res: ServerResponse): void {
  sendJson(res, 404, { ok: false, error: 'unknown_method' });
}
