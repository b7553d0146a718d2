import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/helpers/manual-clock.js';
import { server } from '../../test/msw/server.js';
import { CliError } from '../errors/cli-error.js';
import { uploadToPresigned, type PresignedPost, type UploadOptions } from './upload.js';

const dir = mkdtempSync(join(tmpdir(), 'rosi-upload-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'bundle.zip');
const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => i % 251));
writeFileSync(file, bytes);

const UPLOAD = 'https://uploads.test/bucket';
const presign = (n = 1): PresignedPost => ({
  url: UPLOAD,
  file_name: `A123-${n}.zip`,
  fields: {
    key: `T1/A123/${n}.zip`,
    Policy: `policy-${n}`,
    'X-Amz-Signature': `sig-${n}`,
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': 'c',
    'X-Amz-Date': 'd',
    'X-Amz-Security-Token': 't',
  },
});

interface Seen {
  headers: Record<string, string>;
  order: string[];
  fields: Record<string, string>;
  file?: { name: string; type: string; size: number; same: boolean };
}

function s3(answers: ((seen: Seen) => Response)[]) {
  const seen: Seen[] = [];
  server.use(
    http.post(UPLOAD, async ({ request }) => {
      const form = await request.formData();
      const entry: Seen = { headers: Object.fromEntries(request.headers), order: [...form.keys()], fields: {} };
      for (const [k, v] of form.entries()) {
        if (typeof v === 'string') entry.fields[k] = v;
        else entry.file = { name: v.name, type: v.type, size: v.size, same: Buffer.from(await v.arrayBuffer()).equals(bytes) };
      }
      seen.push(entry);
      const answer = answers[Math.min(seen.length - 1, answers.length - 1)] as (s: Seen) => Response;
      return answer(entry);
    }),
  );
  return seen;
}

const xml = (status: number, code: string, message: string) =>
  new HttpResponse(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`, {
    status,
    headers: { 'content-type': 'application/xml' },
  });
const ok = () => new HttpResponse(null, { status: 204 });

type TestOptions = UploadOptions & { clock: ManualClock; renewals: number };

function options(over: Partial<UploadOptions> = {}): TestOptions {
  const clock = new ManualClock();
  const o: TestOptions = {
    fetch: (i: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(i, init),
    signal: new AbortController().signal,
    userAgent: 'rosi/test (os: linux)',
    timeoutMs: 5_000,
    renewals: 0,
    renew: async (): Promise<PresignedPost> => presign(++o.renewals + 1),
    random: () => 0.5,
    ...over,
    clock,
  };
  return o;
}

describe('uploadToPresigned', () => {
  it('posts the fields first, then the file with the presigned name, a known length and no Slack token', async () => {
    const seen = s3([ok]);
    const progress: number[] = [];
    const used = await uploadToPresigned(presign(), file, bytes.length, options({ onProgress: (sent) => progress.push(sent) }));
    expect(used.file_name).toBe('A123-1.zip');
    const [req] = seen;
    expect(req!.order).toEqual(['key', 'Policy', 'X-Amz-Signature', 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Security-Token', 'file']);
    expect(req!.fields.Policy).toBe('policy-1');
    expect(req!.file).toEqual({ name: 'A123-1.zip', type: 'application/zip', size: bytes.length, same: true });
    expect(Number(req!.headers['content-length'])).toBeGreaterThan(bytes.length);
    expect(req!.headers['transfer-encoding']).toBeUndefined();
    expect(req!.headers.authorization).toBeUndefined();
    expect(JSON.stringify(req!.headers)).not.toContain('xox');
    expect(progress.at(-1)).toBe(bytes.length);
  });

  it('a 503 is retried after a backoff, with the same presign', async () => {
    const seen = s3([() => xml(503, 'ServiceUnavailable', 'Please reduce your request rate.'), ok]);
    const o = options();
    await uploadToPresigned(presign(), file, bytes.length, o);
    expect(seen).toHaveLength(2);
    expect(o.clock.sleeps).toHaveLength(1);
    expect(seen[1]!.fields.Policy).toBe('policy-1');
  });

  it('an expired policy asks for a new presign and uploads with it', async () => {
    const seen = s3([() => xml(403, 'AccessDenied', 'Invalid according to Policy: Policy expired.'), ok]);
    const o = options();
    const used = await uploadToPresigned(presign(), file, bytes.length, o);
    expect(o.renewals).toBe(1);
    expect(used.file_name).toBe('A123-2.zip');
    expect(seen[1]!.fields.Policy).toBe('policy-2');
    expect(o.clock.sleeps).toHaveLength(0);
  });

  it('EntityTooLarge is final: no retry, a clear error', async () => {
    const seen = s3([() => xml(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size')]);
    const e = await uploadToPresigned(presign(), file, bytes.length, options()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CliError);
    expect((e as CliError).code).toBe('upload_rejected');
    expect((e as CliError).message).toContain('EntityTooLarge');
    expect(seen).toHaveLength(1);
  });

  it('keeps failing → gives up after the attempt cap with the last error', async () => {
    const seen = s3([() => xml(500, 'InternalError', 'We encountered an internal error.')]);
    const e = await uploadToPresigned(presign(), file, bytes.length, options()).catch((x: unknown) => x);
    expect((e as CliError).code).toBe('http_request_failed');
    expect((e as CliError).message).toContain('InternalError');
    expect(seen).toHaveLength(5);
  });

  it('a refused connection to a loopback upload host is not retried', async () => {
    let n = 0;
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5810'), { code: 'ECONNREFUSED' });
    const fetch = async () => {
      n++;
      throw new TypeError('fetch failed', { cause: refused });
    };
    const e = await uploadToPresigned({ ...presign(), url: 'http://127.0.0.1:5810/upload' }, file, bytes.length, options({ fetch })).catch((x: unknown) => x);
    expect((e as CliError).code).toBe('http_request_failed');
    expect((e as CliError).message).toContain('ECONNREFUSED');
    expect(n).toBe(1);
  });

  it('a network failure is retried', async () => {
    let n = 0;
    server.use(http.post(UPLOAD, async ({ request }) => (await request.arrayBuffer(), n++ === 0 ? HttpResponse.error() : ok())));
    await uploadToPresigned(presign(), file, bytes.length, options());
    expect(n).toBe(2);
  });

  it.each([
    { name: 'plain http to another host', url: 'http://uploads.example.com/b', code: 'insecure_upload_url' },
    { name: 'not a URL', url: 'uploads', code: 'invalid_presigned_post' },
  ])('refuses $name', async ({ url, code }) => {
    const e = await uploadToPresigned({ ...presign(), url }, file, bytes.length, options()).catch((x: unknown) => x);
    expect((e as CliError).code).toBe(code);
  });
});
