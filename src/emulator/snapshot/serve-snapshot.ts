import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { isLoopbackHost } from '../../lib/loopback.js';
import { sendJson } from '../http/index.js';
import type { EmulatorState } from './emulator-state.js';
import { SnapshotError } from './format.js';

export const SNAPSHOT_PATH = '/__emulator/snapshot';
export const SNAPSHOT_MEDIA_TYPE = 'application/vnd.rosi.snapshot';

/*
 * GET saves a snapshot (the bytes are the answer), PUT loads the one in the body: what `rosi emulator
 * snapshot save|load` call. With or without --control, since a snapshot is how a developer keeps their
 * work; but only from this machine (it holds every app's data and replaces it), and a load only with the
 * snapshot media type, which a page on another site cannot send without a preflight the emulator never grants.
 */
export async function serveSnapshot(req: IncomingMessage, res: ServerResponse, state: EmulatorState): Promise<void> {
  const address = req.socket.remoteAddress?.replace(/^::ffff:/i, '');
  if (address === undefined || !isLoopbackHost(address)) {
    return sendJson(res, 403, { ok: false, error: 'snapshot_local_only', message: 'Snapshots are saved and loaded only on the machine the emulator runs on.' });
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'none' && site !== 'same-origin') return sendJson(res, 403, { ok: false, error: 'cross_site_request' });
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': SNAPSHOT_MEDIA_TYPE, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    // A failure mid-way cuts the answer short: the reader finds no checksum at its end and keeps nothing.
    await state.save(res).catch(() => res.destroy());
    return;
  }
  if (req.method !== 'PUT') return sendJson(res, 405, { ok: false, error: 'method_not_allowed' });
  if ((req.headers['content-type'] ?? '').split(';')[0]?.trim() !== SNAPSHOT_MEDIA_TYPE) {
    return sendJson(res, 415, { ok: false, error: 'unsupported_media_type', message: `A snapshot is sent as ${SNAPSHOT_MEDIA_TYPE}.` });
  }
  const work = await mkdtemp(join(tmpdir(), 'rosi-snapshot-in-'));
  try {
    const file = join(work, `${randomUUID()}.snapshot`);
    await pipeline(req, createWriteStream(file, { flags: 'wx' }));
    const header = await state.load(file);
    sendJson(res, 200, { ok: true, created_at: header.created_at, rosi_version: header.rosi_version, schema_version: header.schema_version });
  } catch (e) {
    if (!(e instanceof SnapshotError)) throw e;
    sendJson(res, 400, { ok: false, error: e.code, reason: e.reason, hint: e.hint });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
