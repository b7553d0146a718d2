import type { ServerResponse } from 'node:http';

/**
 * The console's JSON answers. They are the emulator's own, not Slack's: no `ok` envelope, an HTTP
 * status that says what happened, and a problem body `{error, message, hint?, details?}` on failure.
 */
export function sendConsoleJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

/** A console request that cannot be done: answered with its status and a problem body, never a stack trace. */
export class ConsoleError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { hint?: string; details?: string[] } = {},
  ) {
    super(message);
  }
}

export function sendProblem(res: ServerResponse, e: ConsoleError): void {
  sendConsoleJson(res, e.status, { error: e.code, message: e.message, ...e.extra });
}
