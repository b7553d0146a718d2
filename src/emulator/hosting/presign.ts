import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { isObject } from '../../lib/is-object.js';
import { UPLOAD_BUCKET } from '../defaults.js';

export const S3_PREFIX = '/__s3/';
export const ALGORITHM = 'AWS4-HMAC-SHA256';
/** The seven fields of a presigned POST, in the order Slack lists them. */
export const PRESIGN_FIELDS = ['X-Amz-Credential', 'X-Amz-Algorithm', 'key', 'X-Amz-Date', 'Policy', 'X-Amz-Signature', 'X-Amz-Security-Token'] as const;
const REGION = 'us-east-1';

export type PresignedPost = { url: string; file_name: string; fields: Record<string, string> };

/** `20261128T120000Z`, the form of X-Amz-Date. */
const amzDate = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** The upload signature: hex HMAC-SHA256 of the base64 policy, keyed with the emulator's secret. */
export const signPolicy = (policy: string, secret: Buffer) => createHmac('sha256', secret).update(policy).digest('hex');

/**
 * A presigned POST for one object of the app, shaped like S3's: the policy pins the bucket,
 * the key, the size range and every other field, and expires at `expiresAt`.
 */
export function createPresignedPost(o: {
  origin: string;
  teamId: string;
  appId: string;
  now: number;
  expiresAt: number;
  maxBytes: number;
  secret: Buffer;
}): PresignedPost {
  const key = `${o.teamId}/${o.appId}/${randomUUID()}.zip`;
  const date = amzDate(o.now);
  const credential = `ROSIEMULATOR/${date.slice(0, 8)}/${REGION}/s3/aws4_request`;
  const token = randomBytes(32).toString('base64');
  const conditions = [
    { bucket: UPLOAD_BUCKET },
    ['eq', '$key', key],
    ['content-length-range', 1, o.maxBytes],
    { 'x-amz-algorithm': ALGORITHM },
    { 'x-amz-credential': credential },
    { 'x-amz-date': date },
    { 'x-amz-security-token': token },
  ];
  const policy = Buffer.from(JSON.stringify({ expiration: new Date(o.expiresAt).toISOString(), conditions })).toString('base64');
  return {
    url: `${o.origin}${S3_PREFIX}${UPLOAD_BUCKET}`,
    // The CLI sends file_name back as apps.hosted.upload's s3_key: it is the object key.
    file_name: key,
    fields: {
      'X-Amz-Credential': credential,
      'X-Amz-Algorithm': ALGORITHM,
      key,
      'X-Amz-Date': date,
      Policy: policy,
      'X-Amz-Signature': signPolicy(policy, o.secret),
      'X-Amz-Security-Token': token,
    },
  };
}

/** An S3 error answer: HTTP status, S3 error code, message and extra elements. */
export interface S3Failure {
  status: number;
  code: string;
  message: string;
  extra?: Record<string, string | number>;
}

export type PolicyVerdict = { ok: true; key: string; appId: string; minBytes: number; maxBytes: number } | ({ ok: false } & S3Failure);

// Fields S3 does not expect a policy condition for.
const UNCONDITIONED = new Set(['policy', 'x-amz-signature', 'file']);
const KEY_SHAPE = /^[A-Z0-9]+\/(A[A-Z0-9]{10})\/[0-9a-f-]{36}\.zip$/;

const denied = (message: string): PolicyVerdict => ({ ok: false, status: 403, code: 'AccessDenied', message: `Invalid according to Policy: ${message}` });
const badPolicy = (message: string): PolicyVerdict => ({ ok: false, status: 400, code: 'InvalidPolicyDocument', message: `Invalid Policy: ${message}` });
const show = (...parts: unknown[]) => `[${parts.map((p) => JSON.stringify(p)).join(', ')}]`;

/**
 * Checks a POST's form fields (names lower-cased) the way S3 does, in S3's order: every
 * field present, signature, expiry, then each policy condition. Sizes are checked later,
 * once the file has streamed through.
 */
export function checkPolicy(fields: ReadonlyMap<string, string>, bucket: string, secret: Buffer, now: number): PolicyVerdict {
  for (const name of PRESIGN_FIELDS) {
    if (!fields.has(name.toLowerCase())) {
      return {
        ok: false,
        status: 400,
        code: 'InvalidArgument',
        message: `Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`,
        extra: { ArgumentName: name, ArgumentValue: '' },
      };
    }
  }
  const policy = fields.get('policy') as string;
  const expected = Buffer.from(signPolicy(policy, secret));
  const given = Buffer.from(fields.get('x-amz-signature') as string);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return {
      ok: false,
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    };
  }
  let doc: { expiration?: unknown; conditions?: unknown };
  try {
    doc = JSON.parse(Buffer.from(policy, 'base64').toString('utf8')) as typeof doc;
  } catch {
    return badPolicy('Invalid JSON.');
  }
  const expiration = typeof doc.expiration === 'string' ? Date.parse(doc.expiration) : NaN;
  if (Number.isNaN(expiration) || !Array.isArray(doc.conditions)) return badPolicy("Missing or invalid 'expiration' or 'conditions'.");
  if (now >= expiration) return denied('Policy expired.');
  return checkConditions(doc.conditions as unknown[], fields, bucket);
}

function checkConditions(conditions: unknown[], fields: ReadonlyMap<string, string>, bucket: string): PolicyVerdict {
  const value = (name: string) => (name === 'bucket' ? bucket : fields.get(name));
  const covered = new Set<string>();
  let range: [number, number] = [0, Number.MAX_SAFE_INTEGER];
  for (const c of conditions) {
    if (isObject(c)) {
      for (const [k, want] of Object.entries(c)) {
        const name = k.toLowerCase();
        covered.add(name);
        if (value(name) !== want) return denied(`Policy Condition failed: ${show('eq', `$${k}`, want)}`);
      }
      continue;
    }
    if (!Array.isArray(c) || c.length !== 3) return badPolicy('Invalid condition.');
    const [op, a, b] = c as [unknown, unknown, unknown];
    if (op === 'content-length-range' && typeof a === 'number' && typeof b === 'number') {
      range = [a, b];
      continue;
    }
    if ((op !== 'eq' && op !== 'starts-with') || typeof a !== 'string' || !a.startsWith('$') || typeof b !== 'string') return badPolicy('Invalid condition.');
    const name = a.slice(1).toLowerCase();
    covered.add(name);
    const got = value(name) ?? '';
    if (op === 'eq' ? got !== b : !got.startsWith(b)) return denied(`Policy Condition failed: ${show(op, a, b)}`);
  }
  const extra = [...fields.keys()].filter((f) => !covered.has(f) && !UNCONDITIONED.has(f) && !f.startsWith('x-ignore-'));
  if (extra.length > 0) return denied(`Extra input fields: ${extra.join(', ')}`);
  const key = fields.get('key') as string;
  const appId = KEY_SHAPE.exec(key)?.[1];
  // Only the emulator's own keys can be signed, so this is a bug guard rather than a user error.
  if (!appId) return denied(`Policy Condition failed: ${show('eq', '$key', key)}`);
  return { ok: true, key, appId, minBytes: range[0], maxBytes: range[1] };
}
