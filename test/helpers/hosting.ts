import { ZipFile } from 'yazl';
import type { InProcessEmulator, Json } from './in-process-emulator.js';

/** A second tenant for isolation tests. */
export const OTHER_TEAM = { team_id: 'T0OTHERTEAM', team_domain: 'other', team_name: 'Other Workspace', user_id: 'U0OTHERUSER', user_name: 'mallory' };

/** A hosted app's manifest: one datastore, one function, one workflow; `patch` is merged on top. */
export function hostedManifest(patch: Json = {}): Json {
  return {
    display_information: { name: 'Tasks' },
    settings: { function_runtime: 'slack' },
    oauth_config: { scopes: { bot: ['commands', 'datastore:read', 'datastore:write'] } },
    outgoing_domains: ['api.example.com'],
    datastores: { tasks: { primary_key: 'id', attributes: { id: { type: 'string' }, owner: { type: 'slack#/types/user_id' }, done: { type: 'boolean' } } } },
    functions: {
      create_task: {
        title: 'Create a task',
        source_file: 'functions/create_task.ts',
        input_parameters: { properties: {} },
        output_parameters: { properties: {} },
      },
    },
    workflows: { new_task: { title: 'New task', steps: [] } },
    ...patch,
  };
}

/** A service token for a user seeded through the control endpoint (another team by default). */
export async function seedUser(emu: InProcessEmulator, who: Partial<typeof OTHER_TEAM> = {}): Promise<string> {
  const r = await emu.control('seed', { ...OTHER_TEAM, ...who });
  if (r.status !== 200) throw new Error(`seed failed: ${JSON.stringify(r.body)}`);
  return String(r.body.token);
}

/** Logs in as the seeded developer and creates an app; returns the token and the app ID. */
export async function createApp(emu: InProcessEmulator, manifest: Json = hostedManifest()): Promise<{ token: string; appId: string }> {
  const { token } = await emu.login({ noRotation: true });
  const r = await emu.json('apps.manifest.create', { manifest }, String(token));
  if (r.ok !== true) throw new Error(`create failed: ${JSON.stringify(r)}`);
  return { token: String(token), appId: String(r.app_id) };
}

/** A zip built with yazl from names and contents. */
export function makeZip(files: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/** The bundle a Deno build of hostedManifest() produces. */
export const deployableZip = () =>
  makeZip({ 'manifest.json': JSON.stringify(hostedManifest()), 'functions/create_task.js': 'export default () => ({ outputs: {} });' });

export interface Presign {
  url: string;
  file_name: string;
  fields: Record<string, string>;
}

export interface S3PostOptions {
  /** Fields to leave out, or to send with another value. */
  omit?: string[];
  override?: Record<string, string>;
  /** Fields sent after the file part (S3 ignores them). */
  after?: string[];
  /** Leave out the file part altogether. */
  noFile?: boolean;
  headers?: Record<string, string>;
}

const BOUNDARY = '----rosiTestBoundary7MA4YWxkTrZu0gW';

/** A multipart body the way the CLI posts it: the seven fields, then the file part. */
export function s3Body(presign: Presign, file: Buffer, o: S3PostOptions = {}): Buffer {
  const fields = { ...presign.fields, ...o.override };
  const part = (name: string, value: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const names = Object.keys(fields).filter((n) => !o.omit?.includes(n));
  const before = names
    .filter((n) => !o.after?.includes(n))
    .map((n) => part(n, fields[n] as string))
    .join('');
  const after = (o.after ?? []).map((n) => part(n, fields[n] as string)).join('');
  const fileHead = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${presign.file_name}"\r\nContent-Type: application/zip\r\n\r\n`;
  return Buffer.concat([
    Buffer.from(before),
    ...(o.noFile ? [] : [Buffer.from(fileHead), file, Buffer.from('\r\n')]),
    Buffer.from(`${after}--${BOUNDARY}--\r\n`),
  ]);
}

export async function postToS3(presign: Presign, file: Buffer, o: S3PostOptions = {}): Promise<{ status: number; text: string; code: string | undefined }> {
  const res = await fetch(presign.url, {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, ...o.headers },
    body: new Uint8Array(s3Body(presign, file, o)),
  });
  const text = await res.text();
  return { status: res.status, text, code: /<Code>([^<]+)<\/Code>/.exec(text)?.[1] };
}

export async function presign(emu: InProcessEmulator, token: string, appId: string): Promise<Presign> {
  const r = await emu.json('apps.hosted.generatePresignedPost', { app_id: appId }, token);
  if (r.ok !== true) throw new Error(`presign failed: ${JSON.stringify(r)}`);
  return r as unknown as Presign;
}

/** Presign, upload and return the key: the first half of a deploy. */
export async function uploadZip(emu: InProcessEmulator, token: string, appId: string, zip: Buffer): Promise<string> {
  const p = await presign(emu, token, appId);
  const r = await postToS3(p, zip);
  if (r.status !== 204) throw new Error(`upload failed: ${r.status} ${r.text}`);
  return p.fields.key as string;
}
