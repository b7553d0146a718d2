import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { UPLOAD_BUCKET } from '../defaults.js';
import type { EmulatorDeps } from '../deps.js';
import { boundaryOf, drainBody, MultipartError, originOf, readMultipart, type PartSink } from '../http/index.js';
import { checkPolicy, S3_PREFIX, type PolicyVerdict, type S3Failure } from './presign.js';

/** S3 refuses POSTs whose fields before the file add up to more than this. */
const MAX_PRE_DATA_BYTES = 20 * 1024;

// Element text only: quotes may stay, and S3's messages quote policy conditions verbatim.
const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function sendS3Error(res: ServerResponse, f: S3Failure): void {
  const extra = Object.entries(f.extra ?? {})
    .map(([k, v]) => `<${k}>${xmlEscape(String(v))}</${k}>`)
    .join('');
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${f.code}</Code><Message>${xmlEscape(f.message)}</Message>${extra}<RequestId>${randomUUID()}</RequestId></Error>`;
  res.writeHead(f.status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * The emulator's S3 bucket: presigned POST uploads, checked as S3 checks them. Slack tokens
 * mean nothing here (S3 never sees one); whether one was sent is recorded for tests.
 */
export async function serveS3(req: IncomingMessage, res: ServerResponse, url: URL, deps: EmulatorDeps): Promise<void> {
  const bucket = url.pathname.slice(S3_PREFIX.length).replace(/\/+$/, '');
  const failure = refusal(req, bucket, deps);
  if (failure) {
    await drainBody(req);
    return sendS3Error(res, failure);
  }
  const outcome = await receive(req, bucket, boundaryOf(req.headers['content-type']) as string, deps);
  if (!outcome.ok) return sendS3Error(res, outcome);
  res.writeHead(204, { etag: `"${outcome.etag}"`, location: `${originOf(req, deps)}${S3_PREFIX}${bucket}/${outcome.key}` });
  res.end();
}

/** What fails before the body is read: bucket, verb, content type, or a failure a test injected. */
function refusal(req: IncomingMessage, bucket: string, deps: EmulatorDeps): S3Failure | undefined {
  if (bucket !== UPLOAD_BUCKET) return { status: 404, code: 'NoSuchBucket', message: 'The specified bucket does not exist', extra: { BucketName: bucket } };
  if (req.method !== 'POST')
    return {
      status: 405,
      code: 'MethodNotAllowed',
      message: 'The specified method is not allowed against this resource.',
      extra: { Method: req.method ?? '', ResourceType: 'BUCKET' },
    };
  const fail = deps.hosting.faults.failUploads;
  if (fail.remaining > 0) {
    fail.remaining--;
    return fail.status === 503
      ? { status: 503, code: 'ServiceUnavailable', message: 'Please reduce your request rate.' }
      : { status: fail.status, code: 'InternalError', message: 'We encountered an internal error. Please try again.' };
  }
  if (!boundaryOf(req.headers['content-type'])) {
    return {
      status: 412,
      code: 'PreconditionFailed',
      message: 'At least one of the pre-conditions you specified did not hold',
      extra: { Condition: 'Bucket POST must be of the enclosure-type multipart/form-data' },
    };
  }
  return undefined;
}

type Outcome = { ok: true; key: string; etag: string } | ({ ok: false } & S3Failure);

const malformed: Outcome = {
  ok: false,
  status: 400,
  code: 'MalformedPOSTRequest',
  message: 'The body of your POST request is not well-formed multipart/form-data.',
};

interface Received {
  fields: Map<string, string>;
  preData: number;
  /** Set when the file part starts: the fields are complete then. */
  verdict?: PolicyVerdict;
  file?: TempFile | undefined;
}

/** Streams the form: fields into memory, the file to a temporary file, counting and hashing as it goes. */
async function receive(req: IncomingMessage, bucket: string, boundary: string, deps: EmulatorDeps): Promise<Outcome> {
  // One object rather than locals: the parser callbacks fill it in, which flow analysis cannot see.
  const r: Received = { fields: new Map(), preData: 0 };
  try {
    await readMultipart(req, boundary, {
      open(part) {
        // S3 ignores everything after the file; so does this.
        if (r.verdict) return DISCARD;
        if (part.name.toLowerCase() !== 'file') return undefined;
        r.verdict = checkPolicy(r.fields, bucket, deps.hosting.signingSecret, deps.now());
        if (!r.verdict.ok) return DISCARD;
        r.file = new TempFile(join(deps.hosting.incomingDir, `${randomUUID()}.part`), r.verdict.maxBytes);
        return r.file;
      },
      field(part, value) {
        if (r.verdict) return;
        r.preData += Buffer.byteLength(part.name) + Buffer.byteLength(value);
        if (r.preData > MAX_PRE_DATA_BYTES) throw new PreDataTooLarge();
        r.fields.set(part.name.toLowerCase(), value);
      },
    });
    return await finish(r, req, bucket, deps);
  } catch (e) {
    if (e instanceof MultipartError) return malformed;
    if (e instanceof PreDataTooLarge)
      return {
        ok: false,
        status: 400,
        code: 'MaxPostPreDataLengthExceeded',
        message: 'Your POST request fields preceding the upload file were too large.',
        extra: { MaxPostPreDataLength: MAX_PRE_DATA_BYTES },
      };
    throw e;
  } finally {
    await r.file?.discard();
  }
}

/** The checks that need the whole body, then the object is kept. */
async function finish(r: Received, req: IncomingMessage, bucket: string, deps: EmulatorDeps): Promise<Outcome> {
  if (!r.verdict) {
    // No file: a field error wins, as S3 checks the fields first.
    const v = checkPolicy(r.fields, bucket, deps.hosting.signingSecret, deps.now());
    return v.ok
      ? {
          ok: false,
          status: 400,
          code: 'InvalidArgument',
          message: 'POST requires exactly one file upload per request.',
          extra: { ArgumentName: 'file', ArgumentValue: '0' },
        }
      : v;
  }
  const { verdict } = r;
  if (!verdict.ok || !r.file) return verdict.ok ? malformed : verdict;
  const f = r.file;
  if (f.size < verdict.minBytes)
    return {
      ok: false,
      status: 400,
      code: 'EntityTooSmall',
      message: 'Your proposed upload is smaller than the minimum allowed size',
      extra: { ProposedSize: f.size, MinSizeAllowed: verdict.minBytes },
    };
  if (f.size > verdict.maxBytes)
    return {
      ok: false,
      status: 400,
      code: 'EntityTooLarge',
      message: 'Your proposed upload exceeds the maximum allowed size',
      extra: { ProposedSize: f.size, MaxSizeAllowed: verdict.maxBytes },
    };
  await keep(f, verdict, req, deps);
  r.file = undefined;
  return { ok: true, key: verdict.key, etag: f.md5() };
}

/** Moves the finished file to its place under the uploads folder and records the object. */
async function keep(f: TempFile, v: { key: string; appId: string }, req: IncomingMessage, deps: EmulatorDeps): Promise<void> {
  const path = v.key;
  const target = join(deps.hosting.uploadsDir, ...path.split('/'));
  await mkdir(dirname(target), { recursive: true });
  await rename(f.path, target);
  deps.store.uploads.put({
    key: v.key,
    app_id: v.appId,
    path,
    size: f.size,
    had_authorization_header: req.headers.authorization !== undefined,
    uploaded_at: deps.now(),
  });
}

class PreDataTooLarge extends Error {}

const DISCARD: PartSink = { write: () => undefined, end: () => undefined };

/**
 * A file part on its way to disk. Past the size limit it stops writing but keeps counting,
 * so the answer can name the proposed size without the disk holding it.
 */
class TempFile implements PartSink {
  size = 0;
  private handle: FileHandle | undefined;
  private readonly hash = createHash('md5');

  constructor(
    readonly path: string,
    private readonly maxBytes: number,
  ) {}

  async write(chunk: Buffer): Promise<void> {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return this.close();
    this.hash.update(chunk);
    if (!this.handle) {
      await mkdir(dirname(this.path), { recursive: true });
      this.handle = await open(this.path, 'w');
    }
    await this.handle.write(chunk);
  }

  async end(): Promise<void> {
    // An empty file still needs to exist on disk.
    if (!this.handle && this.size === 0) {
      await mkdir(dirname(this.path), { recursive: true });
      this.handle = await open(this.path, 'w');
    }
    await this.close();
  }

  md5 = () => this.hash.digest('hex');

  async discard(): Promise<void> {
    await this.close();
    await rm(this.path, { force: true });
  }

  private async close(): Promise<void> {
    const h = this.handle;
    this.handle = undefined;
    await h?.close();
  }
}
