import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import type { InvocationPayload } from '../../src/emulator/runtime/index.js';

/** A request a function's process made to the stand-in Slack API. */
export interface RecordedCall {
  method: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

export interface StandInApi {
  /** SLACK_API_URL for the payload: `<origin>/api/`, with the trailing slash the runtime concatenates onto. */
  apiUrl: string;
  port: number;
  calls: RecordedCall[];
  /** Most functions seen between an `enter` and a `leave` call at once (the concurrency probe). */
  maxInside(): number;
  close(): Promise<void>;
}

/**
 * A tiny HTTP server standing in for the emulator's API: it records every call a function
 * makes (functions.complete* included) and answers `{"ok":true}`. `POST /api/enter` and
 * `/api/leave` count functions running at once.
 */
export async function standInApi(): Promise<StandInApi> {
  const calls: RecordedCall[] = [];
  let inside = 0;
  let most = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '');
      if (method === 'enter') most = Math.max(most, ++inside);
      else if (method === 'leave') inside--;
      else
        calls.push({
          method,
          authorization: req.headers.authorization,
          contentType: req.headers['content-type'],
          body: Buffer.concat(chunks).toString('utf8'),
        });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    port,
    calls,
    maxInside: () => most,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const folders: string[] = [];
afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

/** A temporary folder, removed after the test. */
export function tempFolder(prefix = 'rosi-runtime-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
}

/** An unpacked bundle: `files` maps paths (`functions/<callback_id>.js`, `manifest.json`) to contents. */
export function bundleOf(files: Record<string, string>): string {
  const dir = tempFolder('rosi-bundle-');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

export const TOKEN = 'xwfp-T0EMULATOR-Fx0123ABCD-secret';

/** A function_executed invocation payload as runtime contract §4.2 shows it. */
export function functionPayload(o: {
  callbackId: string;
  apiUrl: string;
  inputs?: Record<string, unknown>;
  variables?: Record<string, string>;
  enterpriseId?: string;
}): InvocationPayload {
  return {
    body: {
      token: 'XXYYZZ',
      team_id: 'T0EMULATOR',
      api_app_id: 'A0EMULATOR1',
      type: 'event_callback',
      event_id: 'Ev0123ABCD',
      event_time: 1764331200,
      ...(o.enterpriseId ? { enterprise_id: o.enterpriseId } : {}),
      event: {
        type: 'function_executed',
        function: { id: 'Fn0123ABCD', callback_id: o.callbackId, title: o.callbackId, type: 'app', app_id: 'A0EMULATOR1' },
        inputs: o.inputs ?? {},
        function_execution_id: 'Fx0123ABCD',
        workflow_execution_id: 'Wx0123ABCD',
        event_ts: '1764331200.000100',
        bot_access_token: TOKEN,
      },
    },
    context: { bot_access_token: TOKEN, team_id: 'T0EMULATOR', variables: { SLACK_API_URL: o.apiUrl, ...o.variables } },
  };
}
