import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { badRequest, controlParams, intParam, type ControlRoute } from '../control/index.js';
import type { EmulatorDeps } from '../deps.js';
import { sendJson } from '../http/index.js';
import { readZip } from './zip-contents.js';

const MAX_COUNT = 1000;

export const hostingControl: Record<string, ControlRoute<EmulatorDeps>> = {
  /** `{count, status?}`: the next `count` S3 uploads answer `status` (default 503). Count 0 clears it. */
  async 'POST uploads/fail'(req, res, _url, deps) {
    const p = await controlParams(req, res);
    if (!p) return;
    const count = intParam(p, 'count', 0, MAX_COUNT);
    const status = intParam(p, 'status', 400, 599, 503);
    if (count === undefined || status === undefined) return badRequest(res, `count must be 0 to ${MAX_COUNT}; status 400 to 599`);
    deps.hosting.faults.failUploads = { remaining: count, status };
    sendJson(res, 200, { ok: true, remaining: count, status });
  },

  /** `{count}`: the next `count` presigned POSTs are expired when handed out. */
  async 'POST presigns/expire-next'(req, res, _url, deps) {
    const p = await controlParams(req, res);
    if (!p) return;
    const count = intParam(p, 'count', 0, MAX_COUNT, 1);
    if (count === undefined) return badRequest(res, `count must be 0 to ${MAX_COUNT}`);
    deps.hosting.faults.expirePresigns = count;
    sendJson(res, 200, { ok: true, remaining: count });
  },

  /** `?app_id=`: the stored objects, newest last, with the names inside each zip. */
  async 'GET uploads'(_req, res, url, deps) {
    const rows = deps.store.uploads.list(url.searchParams.get('app_id') ?? undefined);
    const out = [];
    for (const u of rows) {
      // Not every object is a zip (tests post junk on purpose): those list no files.
      const files = await readZip(join(deps.hosting.uploadsDir, u.path)).then(
        (z) => z.files,
        () => [],
      );
      out.push({
        key: u.key,
        app_id: u.app_id,
        size: u.size,
        had_authorization_header: u.had_authorization_header,
        uploaded_at: new Date(u.uploaded_at).toISOString(),
        files,
      });
    }
    sendJson(res, 200, out);
  },

  /** `?key=`: the stored object's bytes, as uploaded. */
  async 'GET uploads/raw'(_req, res, url, deps) {
    const row = deps.store.uploads.get(url.searchParams.get('key') ?? '');
    const path = row && join(deps.hosting.uploadsDir, row.path);
    const size = path
      ? await stat(path).then(
          (s) => s.size,
          () => undefined,
        )
      : undefined;
    if (!path || size === undefined) return sendJson(res, 404, { ok: false, error: 'upload_not_found' });
    res.writeHead(200, { 'content-type': 'application/zip', 'content-length': size, 'cache-control': 'no-store' });
    await pipeline(createReadStream(path), res);
  },

  /** `?app_id=`: deployments made with apps.hosted.upload, oldest first. */
  'GET deployments'(_req, res, url, deps) {
    const rows = deps.store.uploads.deployments(url.searchParams.get('app_id') ?? undefined);
    sendJson(
      res,
      200,
      rows.map((d) => ({ ...d, deployed_at: new Date(d.deployed_at).toISOString() })),
    );
  },
};
