import { existsSync, readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createApp, postToS3, presign, s3Body, type Presign } from '../../../test/helpers/hosting.js';
import { rawRequest, useInProcessEmulator, type InProcessEmulator } from '../../../test/helpers/in-process-emulator.js';
import { methods } from '../../api/methods.js';
import { PRESIGN_FIELDS } from './presign.js';

const MINUTE = 60_000;
const file = Buffer.from('PK\u0003\u0004 pretend zip bytes');

async function setup(emu: InProcessEmulator): Promise<{ token: string; appId: string; p: Presign }> {
  const { token, appId } = await createApp(emu);
  return { token, appId, p: await presign(emu, token, appId) };
}

const uploads = async (emu: InProcessEmulator) => (await fetch(`${emu.url}/__emulator/uploads`).then((r) => r.json())) as Record<string, unknown>[];
const decodePolicy = (p: Presign) =>
  JSON.parse(Buffer.from(p.fields.Policy as string, 'base64').toString('utf8')) as { expiration: string; conditions: unknown[] };

describe('apps.hosted.generatePresignedPost', () => {
  const emu = useInProcessEmulator();

  it('hands out an S3-style presigned POST on the emulator’s own origin', async () => {
    const { token, appId } = await createApp(emu());
    const r = await emu().json('apps.hosted.generatePresignedPost', { app_id: appId }, token);
    expect(methods['apps.hosted.generatePresignedPost'].response.safeParse(r).success).toBe(true);
    const p = r as unknown as Presign;
    expect(p.url).toBe(`${emu().url}/__s3/rosi-uploads`);
    expect(Object.keys(p.fields)).toEqual([...PRESIGN_FIELDS]);
    expect(p.fields.key).toMatch(new RegExp(`^T0EMULATOR/${appId}/[0-9a-f-]{36}\\.zip$`));
    expect(p.file_name).toBe(p.fields.key);
    expect(p.fields).toMatchObject({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Date': '20261128T120000Z',
      'X-Amz-Credential': expect.stringMatching(/^\w+\/20261128\/us-east-1\/s3\/aws4_request$/),
    });
    expect(p.fields['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(p.fields['X-Amz-Security-Token']).not.toBe('');
    const policy = decodePolicy(p);
    expect(policy.expiration).toBe('2026-11-28T12:10:00.000Z');
    expect(policy.conditions).toEqual(
      expect.arrayContaining([{ bucket: 'rosi-uploads' }, ['eq', '$key', p.fields.key], ['content-length-range', 1, 200_000_000]]),
    );
  });

  it('gives every presign its own key', async () => {
    const { token, appId, p } = await setup(emu());
    expect((await presign(emu(), token, appId)).fields.key).not.toBe(p.fields.key);
  });

  it('follows the Host the client used', async () => {
    const { token, appId } = await createApp(emu());
    const res = await rawRequest(`${emu().url}/api/apps.hosted.generatePresignedPost`, {
      headers: { host: `localhost:${emu().running.port}`, 'content-type': 'application/json', authorization: `Bearer ${token}` },
      chunks: [JSON.stringify({ app_id: appId })],
    });
    expect(JSON.parse(res.text).url).toBe(`http://localhost:${emu().running.port}/__s3/rosi-uploads`);
  });
});

describe('S3 endpoint', () => {
  const emu = useInProcessEmulator();

  it('stores a correctly signed upload: 204, no token needed, readable through the control endpoints', async () => {
    const { appId, p } = await setup(emu());
    const r = await postToS3(p, file);
    expect(r).toEqual({ status: 204, text: '', code: undefined });
    expect(await uploads(emu())).toEqual([
      { key: p.fields.key, app_id: appId, size: file.length, had_authorization_header: false, uploaded_at: '2026-11-28T12:00:00.000Z', files: [] },
    ]);
    const raw = await fetch(`${emu().url}/__emulator/uploads/raw?key=${encodeURIComponent(p.fields.key as string)}`);
    expect(raw.headers.get('content-type')).toBe('application/zip');
    expect(Buffer.from(await raw.arrayBuffer()).equals(file)).toBe(true);
  });

  it('ignores a Slack token, but records that one was sent', async () => {
    const { token, p } = await setup(emu());
    expect((await postToS3(p, file, { headers: { authorization: `Bearer ${token}` } })).status).toBe(204);
    expect(await uploads(emu())).toMatchObject([{ had_authorization_header: true }]);
  });

  describe('refuses tampering', () => {
    it('another key: the key condition fails', async () => {
      const { appId, p } = await setup(emu());
      const r = await postToS3(p, file, { override: { key: `T0EMULATOR/${appId}/00000000-0000-0000-0000-000000000000.zip` } });
      expect(r).toMatchObject({ status: 403, code: 'AccessDenied' });
      expect(r.text).toContain(`<Message>Invalid according to Policy: Policy Condition failed: ["eq", "$key", "${p.fields.key}"]</Message>`);
    });

    it('another policy: the signature no longer matches', async () => {
      const { p } = await setup(emu());
      const policy = decodePolicy(p);
      const longer = Buffer.from(JSON.stringify({ ...policy, expiration: '2099-01-01T00:00:00.000Z' })).toString('base64');
      expect(await postToS3(p, file, { override: { Policy: longer } })).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    });

    it('a wrong signature', async () => {
      const { p } = await setup(emu());
      const sig = p.fields['X-Amz-Signature'] as string;
      for (const bad of [`${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`, 'nope', '']) {
        expect(await postToS3(p, file, { override: { 'X-Amz-Signature': bad } })).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
      }
    });

    it('another field value the policy pins, or a field it does not know', async () => {
      const { p } = await setup(emu());
      expect(await postToS3(p, file, { override: { 'X-Amz-Security-Token': 'forged' } })).toMatchObject({ status: 403, code: 'AccessDenied' });
      const extra = await postToS3({ ...p, fields: { ...p.fields, acl: 'public-read' } }, file);
      expect(extra).toMatchObject({ status: 403, code: 'AccessDenied' });
      expect(extra.text).toContain('Extra input fields: acl');
    });
  });

  it('expires by the emulator clock after the presign TTL', async () => {
    const { p } = await setup(emu());
    emu().clock.advance(10 * MINUTE - 1);
    expect((await postToS3(p, file)).status).toBe(204);
    emu().clock.advance(1);
    const r = await postToS3(p, file);
    expect(r).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect(r.text).toContain('Invalid according to Policy: Policy expired.');
  });

  it.each(PRESIGN_FIELDS)('a missing %s field → 400 InvalidArgument naming it', async (name) => {
    const { p } = await setup(emu());
    const r = await postToS3(p, file, { omit: [name] });
    expect(r).toMatchObject({ status: 400, code: 'InvalidArgument' });
    expect(r.text).toContain(`<ArgumentName>${name}</ArgumentName>`);
  });

  it('ignores fields after the file, as S3 does', async () => {
    const { p } = await setup(emu());
    const r = await postToS3(p, file, { after: ['X-Amz-Signature'] });
    expect(r).toMatchObject({ status: 400, code: 'InvalidArgument' });
    expect(r.text).toContain("field named 'X-Amz-Signature'");
    expect(await uploads(emu())).toEqual([]);
  });

  it('wants a file part', async () => {
    const { p } = await setup(emu());
    const r = await postToS3(p, file, { noFile: true });
    expect(r).toMatchObject({ status: 400, code: 'InvalidArgument' });
    expect(r.text).toContain('POST requires exactly one file upload per request.');
  });

  it.each([
    { name: 'a body cut short', body: (p: Presign) => s3Body(p, file).subarray(0, -20), status: 400, code: 'MalformedPOSTRequest' },
    {
      name: 'fields larger than 20 KB before the file',
      body: (p: Presign) => s3Body({ ...p, fields: { ...p.fields, 'x-ignore-pad': 'p'.repeat(21_000) } }, file),
      status: 400,
      code: 'MaxPostPreDataLengthExceeded',
    },
  ])('refuses $name', async ({ body, status, code }) => {
    const { p } = await setup(emu());
    const sent = body(p);
    const res = await fetch(p.url, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=----rosiTestBoundary7MA4YWxkTrZu0gW' },
      body: new Uint8Array(sent),
    });
    expect(res.status).toBe(status);
    expect(await res.text()).toContain(`<Code>${code}</Code>`);
  });

  it.each([
    {
      name: 'a body that is not multipart',
      path: '/__s3/rosi-uploads',
      init: { method: 'POST', headers: { 'content-type': 'application/zip' }, body: 'PK' },
      status: 412,
      code: 'PreconditionFailed',
    },
    { name: 'another bucket', path: '/__s3/other-bucket', init: { method: 'POST', body: 'x' }, status: 404, code: 'NoSuchBucket' },
    { name: 'a GET', path: '/__s3/rosi-uploads', init: {}, status: 405, code: 'MethodNotAllowed' },
  ])('answers $name with S3 XML', async ({ path, init, status, code }) => {
    const res = await fetch(`${emu().url}${path}`, init);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/xml');
    expect(await res.text()).toMatch(new RegExp(`^<\\?xml version="1.0" encoding="UTF-8"\\?>\\n<Error><Code>${code}</Code><Message>`));
  });

  it('fails the next uploads as a test asked, then works again', async () => {
    const { p } = await setup(emu());
    expect(await emu().control('uploads/fail', { count: 2, status: 503 })).toEqual({ status: 200, body: { ok: true, remaining: 2, status: 503 } });
    expect(await postToS3(p, file)).toMatchObject({ status: 503, code: 'ServiceUnavailable' });
    expect(await postToS3(p, file)).toMatchObject({ status: 503, code: 'ServiceUnavailable' });
    expect((await postToS3(p, file)).status).toBe(204);
    await emu().control('uploads/fail', { count: 1, status: 500 });
    expect(await postToS3(p, file)).toMatchObject({ status: 500, code: 'InternalError' });
  });

  it('hands out an already-expired presign when a test asks', async () => {
    const { token, appId } = await createApp(emu());
    await emu().control('presigns/expire-next', { count: 1 });
    const expired = await presign(emu(), token, appId);
    expect(decodePolicy(expired).expiration).toBe('2026-11-28T12:00:00.000Z');
    expect(await postToS3(expired, file)).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect((await postToS3(await presign(emu(), token, appId), file)).status).toBe(204);
  });

  it('streams a large upload to disk', async () => {
    const { p } = await setup(emu());
    const mb = Buffer.alloc(1024 * 1024, 7);
    const count = 64;
    const [head, tail] = [
      s3Body(p, Buffer.alloc(0)).toString('latin1').split('application/zip\r\n\r\n')[0] + 'application/zip\r\n\r\n',
      '\r\n------rosiTestBoundary7MA4YWxkTrZu0gW--\r\n',
    ];
    const res = await rawRequest(p.url, {
      headers: { 'content-type': 'multipart/form-data; boundary=----rosiTestBoundary7MA4YWxkTrZu0gW', 'transfer-encoding': 'chunked' },
      chunks: [Buffer.from(head, 'latin1'), ...Array.from({ length: count }, () => mb), tail],
    });
    expect(res.status).toBe(204);
    expect(await uploads(emu())).toMatchObject([{ size: count * mb.length }]);
  });

  it('writes the file part to disk while it is still arriving', async () => {
    const { p } = await setup(emu());
    const head = Buffer.from(`${s3Body(p, Buffer.alloc(0)).toString('latin1').split('application/zip\r\n\r\n')[0]}application/zip\r\n\r\n`, 'latin1');
    const incoming = join(emu().running.uploadsDir, '.incoming');
    const written = () => (existsSync(incoming) ? readdirSync(incoming).reduce((n, f) => n + statSync(join(incoming, f)).size, 0) : 0);
    const done = new Promise<number>((resolve, reject) => {
      const req = request(
        p.url,
        { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=----rosiTestBoundary7MA4YWxkTrZu0gW', 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.write(head);
      req.write(Buffer.alloc(4 * 1024 * 1024, 1));
      // The request is still open: whatever is on disk now was streamed, not buffered.
      void (async () => {
        for (let i = 0; i < 500 && written() < 1024 * 1024; i++) await delay(5);
        req.end(Buffer.from('\r\n------rosiTestBoundary7MA4YWxkTrZu0gW--\r\n'));
      })();
    });
    for (let i = 0; i < 500 && written() < 1024 * 1024; i++) await delay(5);
    expect(written()).toBeGreaterThanOrEqual(1024 * 1024);
    expect(await done).toBe(204);
  });
});

describe('S3 endpoint size limits', () => {
  const emu = useInProcessEmulator({ maxUploadBytes: 1000, presignTtlMs: MINUTE });

  it('takes the configured presign TTL', async () => {
    const { p } = await setup(emu());
    expect(decodePolicy(p).expiration).toBe('2026-11-28T12:01:00.000Z');
  });

  it.each([
    { size: 1000, status: 204, code: undefined },
    { size: 1, status: 204, code: undefined },
    { size: 1001, status: 400, code: 'EntityTooLarge' },
    { size: 50_000, status: 400, code: 'EntityTooLarge' },
    { size: 0, status: 400, code: 'EntityTooSmall' },
  ])('$size bytes → $status $code', async ({ size, status, code }) => {
    const { p } = await setup(emu());
    const r = await postToS3(p, Buffer.alloc(size, 1));
    expect(r).toMatchObject({ status, code });
    if (code === 'EntityTooLarge') expect(r.text).toContain(`<ProposedSize>${size}</ProposedSize><MaxSizeAllowed>1000</MaxSizeAllowed>`);
    expect(await uploads(emu())).toHaveLength(status === 204 ? 1 : 0);
    // Refused or not, nothing half-written stays behind.
    const incoming = join(emu().running.uploadsDir, '.incoming');
    expect(existsSync(incoming) ? readdirSync(incoming) : []).toEqual([]);
  });
});
