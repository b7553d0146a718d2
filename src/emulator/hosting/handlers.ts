import { join } from 'node:path';
import type { ResponseOf } from '../../api/methods.js';
import { logEvents } from '../activity/index.js';
import { isObject } from '../../lib/is-object.js';
import { authenticateForApp, manifestFunctions, pointer, type ManifestIssue } from '../apps/index.js';
import type { EmulatorDeps } from '../deps.js';
import { MethodError } from '../errors.js';
import { originOf, stringParam, type Family, type ParsedRequest } from '../http/index.js';
import { createPresignedPost } from './presign.js';
import { readZip, ZipRejected, type ZipContents } from './zip-contents.js';

const MANIFEST_FILE = 'manifest.json';

function generatePresignedPost(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'apps.hosted.generatePresignedPost'> {
  const { app } = authenticateForApp(req, deps);
  const now = deps.now();
  const { faults, presignTtlMs, maxUploadBytes, signingSecret } = deps.hosting;
  // A test asked for an already-expired presign: it expires the moment it is made.
  const expired = faults.expirePresigns > 0;
  if (expired) faults.expirePresigns--;
  return createPresignedPost({
    origin: originOf(req, deps),
    teamId: app.team_id,
    appId: app.id,
    now,
    expiresAt: expired ? now : now + presignTtlMs,
    maxBytes: maxUploadBytes,
    secret: signingSecret,
  });
}

/** Deploys an uploaded bundle: checks it is a zip with a manifest and every function's code, then records a new version. */
async function upload(req: ParsedRequest, deps: EmulatorDeps): Promise<ResponseOf<'apps.hosted.upload'>> {
  const { app, user } = authenticateForApp(req, deps);
  const key = stringParam(req, 's3_key');
  const runtime = stringParam(req, 'runtime');
  if (!key || !runtime) throw new MethodError('invalid_arguments');
  const stored = deps.store.uploads.get(key);
  // Another app's upload is as unknown as a made-up key: code is never shared across apps.
  if (!stored || stored.app_id !== app.id) throw new MethodError('invalid_s3_key');
  const zip = await open(join(deps.hosting.uploadsDir, stored.path));
  const problems = compilationProblems(zip);
  if (problems.length > 0) throw new MethodError('project_compilation_error', { errors: problems });
  const version = deps.store.uploads.addDeployment({
    app_id: app.id,
    s3_key: key,
    runtime,
    zip_size: stored.size,
    file_count: zip.files.length,
    files: zip.files,
    deployed_by: user.id,
    deployed_at: deps.now(),
  });
  // The official CLI prints `Application <action>d by user …`: the first deployment creates, the rest update.
  logEvents(deps, [
    {
      appId: app.id,
      event_type: 'function_deployment',
      payload: { action: version === 1 ? 'create' : 'update', user_id: user.id, team_id: app.team_id, app_id: app.id },
    },
  ]);
  return {};
}

async function open(path: string): Promise<ZipContents> {
  try {
    return await readZip(path, [MANIFEST_FILE]);
  } catch (e) {
    if (e instanceof ZipRejected) throw new MethodError(e.code);
    // The object was recorded but its file is gone (a cleaned-up temp folder).
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new MethodError('no_file');
    throw e;
  }
}

/** What keeps the bundle from running: no manifest at the root, or a function without its compiled file. */
function compilationProblems(zip: ZipContents): Pick<ManifestIssue, 'message' | 'pointer'>[] {
  const raw = zip.read.get(MANIFEST_FILE);
  if (!raw) return [{ message: `The bundle has no ${MANIFEST_FILE} at its root`, pointer: `/${MANIFEST_FILE}` }];
  let manifest: unknown;
  try {
    manifest = JSON.parse(raw.toString('utf8'));
  } catch (e) {
    return [{ message: `${MANIFEST_FILE} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, pointer: `/${MANIFEST_FILE}` }];
  }
  if (!isObject(manifest)) return [{ message: `${MANIFEST_FILE} must hold a JSON object`, pointer: `/${MANIFEST_FILE}` }];
  const files = new Set(zip.files);
  return manifestFunctions(manifest)
    .filter((id) => !files.has(`functions/${id}.js`))
    .map((id) => ({ message: `Function "${id}" has no compiled code: functions/${id}.js is missing from the bundle`, pointer: pointer('functions', id) }));
}

export const hostingFamily: Family = {
  'apps.hosted.generatePresignedPost': generatePresignedPost,
  'apps.hosted.upload': upload,
};
