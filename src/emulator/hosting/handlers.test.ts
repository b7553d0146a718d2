import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp, deployableZip, hostedManifest, makeZip, presign, uploadZip } from '../../../test/helpers/hosting.js';
import { allowLoopback, startInProcess, useInProcessEmulator, type InProcessEmulator } from '../../../test/helpers/in-process-emulator.js';
import { ManualClock } from '../../../test/helpers/manual-clock.js';
import { methods } from '../../api/methods.js';

const deployments = async (emu: InProcessEmulator, appId?: string) =>
  (await fetch(`${emu.url}/__emulator/deployments${appId ? `?app_id=${appId}` : ''}`).then((r) => r.json())) as Record<string, unknown>[];

/** A zip with a `../` entry: yazl will not write one, so the name is patched in afterwards. */
async function zipWithUnsafePath(): Promise<Buffer> {
  const zip = await makeZip({ 'manifest.json': '{}', 'xx/evil.js': 'x' });
  return Buffer.from(zip.toString('latin1').replaceAll('xx/evil.js', '../evil.js'), 'latin1');
}

describe('apps.hosted.upload', () => {
  const emu = useInProcessEmulator();
  const deploy = (token: string, body: Record<string, unknown>) => emu().json('apps.hosted.upload', body, token);

  it('deploys an uploaded bundle and numbers the versions', async () => {
    const { token, appId } = await createApp(emu());
    const zip = await deployableZip();
    const key = await uploadZip(emu(), token, appId, zip);
    const r = await deploy(token, { app_id: appId, s3_key: key, runtime: 'deno' });
    expect(r).toEqual({ ok: true });
    expect(methods['apps.hosted.upload'].response.safeParse(r).success).toBe(true);
    emu().clock.advance(60_000);
    const second = await uploadZip(emu(), token, appId, zip);
    expect(await deploy(token, { app_id: appId, s3_key: second, runtime: 'deno' })).toEqual({ ok: true });
    expect(await deployments(emu(), appId)).toEqual([
      {
        app_id: appId,
        version: 1,
        s3_key: key,
        runtime: 'deno',
        zip_size: zip.length,
        file_count: 2,
        files: ['manifest.json', 'functions/create_task.js'],
        deployed_by: 'U0EMULATOR',
        deployed_at: '2026-11-28T12:00:00.000Z',
      },
      expect.objectContaining({ version: 2, s3_key: second, deployed_at: '2026-11-28T12:01:00.000Z' }),
    ]);
    const listed = (await fetch(`${emu().url}/__emulator/uploads?app_id=${appId}`).then((res) => res.json())) as { files: string[] }[];
    expect(listed.map((u) => u.files)).toEqual([
      ['manifest.json', 'functions/create_task.js'],
      ['manifest.json', 'functions/create_task.js'],
    ]);
  });

  it('takes a manifest without functions', async () => {
    const { token, appId } = await createApp(emu());
    const key = await uploadZip(emu(), token, appId, await makeZip({ 'manifest.json': JSON.stringify({ display_information: { name: 'x' } }) }));
    expect(await deploy(token, { app_id: appId, s3_key: key, runtime: 'deno' })).toEqual({ ok: true });
  });

  it.each([
    { name: 'not a zip', zip: async () => Buffer.from('just some text, no zip here'), error: 'unknown_file_type' },
    { name: 'a truncated zip', zip: async () => (await deployableZip()).subarray(0, 40), error: 'unknown_file_type' },
    { name: 'a zip with a ../ path', zip: zipWithUnsafePath, error: 'file_rejected' },
  ])('refuses $name: $error', async ({ zip, error }) => {
    const { token, appId } = await createApp(emu());
    const key = await uploadZip(emu(), token, appId, await zip());
    expect(await deploy(token, { app_id: appId, s3_key: key, runtime: 'deno' })).toEqual({ ok: false, error });
    expect(await deployments(emu(), appId)).toEqual([]);
  });

  it.each([
    { name: 'no manifest.json', files: { 'functions/create_task.js': 'x' }, pointer: '/manifest.json', message: 'The bundle has no manifest.json at its root' },
    {
      name: 'manifest.json only in a subfolder',
      files: { 'app/manifest.json': '{}' },
      pointer: '/manifest.json',
      message: 'The bundle has no manifest.json at its root',
    },
    {
      name: 'a manifest.json that is not JSON',
      files: { 'manifest.json': '{ nope' },
      pointer: '/manifest.json',
      message: expect.stringContaining('not valid JSON'),
    },
    {
      name: 'a function without its compiled file',
      files: { 'manifest.json': JSON.stringify(hostedManifest()), 'functions/other.js': 'x' },
      pointer: '/functions/create_task',
      message: 'Function "create_task" has no compiled code: functions/create_task.js is missing from the bundle',
    },
  ])('refuses $name: project_compilation_error', async ({ files, pointer, message }) => {
    const { token, appId } = await createApp(emu());
    const key = await uploadZip(emu(), token, appId, await makeZip(files));
    expect(await deploy(token, { app_id: appId, s3_key: key, runtime: 'deno' })).toEqual({
      ok: false,
      error: 'project_compilation_error',
      errors: [{ message, pointer }],
    });
  });

  it('knows only keys uploaded for this app', async () => {
    const { token, appId } = await createApp(emu());
    const other = await createApp(emu());
    const theirs = await uploadZip(emu(), other.token, other.appId, await deployableZip());
    const presigned = await presign(emu(), token, appId);
    for (const s3_key of ['T0EMULATOR/nothing.zip', theirs, presigned.fields.key]) {
      expect(await deploy(token, { app_id: appId, s3_key, runtime: 'deno' })).toEqual({ ok: false, error: 'invalid_s3_key' });
    }
  });

  it('says no_file when the stored object has gone missing', async () => {
    const { token, appId } = await createApp(emu());
    const key = await uploadZip(emu(), token, appId, await deployableZip());
    rmSync(join(emu().running.uploadsDir, ...key.split('/')));
    expect(await deploy(token, { app_id: appId, s3_key: key, runtime: 'deno' })).toEqual({ ok: false, error: 'no_file' });
  });

  it.each([{ s3_key: 'k' }, { runtime: 'deno' }])('wants s3_key and runtime: %j → invalid_arguments', async (body) => {
    const { token, appId } = await createApp(emu());
    expect(await deploy(token, { app_id: appId, ...body })).toEqual({ ok: false, error: 'invalid_arguments' });
  });
});

describe('hosting with a data dir', () => {
  it('keeps uploads on disk across a restart; presigns from before it are void', async () => {
    allowLoopback();
    const dir = mkdtempSync(join(tmpdir(), 'rosi-emu-hosting-'));
    const clock = new ManualClock('2026-11-28T12:00:00Z', false);
    try {
      const first = await startInProcess({ dataDir: dir, clock });
      const { token, appId } = await createApp(first);
      const key = await uploadZip(first, token, appId, await deployableZip());
      const stale = await presign(first, token, appId);
      await first.running.close();
      expect(first.running.uploadsDir).toBe(join(dir, 'uploads'));

      // Half-written uploads of runs that crashed: a day old goes, a fresh one may be another emulator's.
      const incoming = join(dir, 'uploads', '.incoming');
      for (const [run, age] of [
        ['crashed', 25 * 3_600_000],
        ['busy', 60_000],
      ] as const) {
        mkdirSync(join(incoming, run), { recursive: true });
        const at = new Date(clock.now().getTime() - age);
        utimesSync(join(incoming, run), at, at);
      }
      const second = await startInProcess({ dataDir: dir, clock, port: first.running.port });
      try {
        expect(readdirSync(incoming).sort()).toEqual(['busy']);
        expect(await second.json('apps.hosted.upload', { app_id: appId, s3_key: key, runtime: 'deno' }, token)).toEqual({ ok: true });
        const { postToS3 } = await import('../../../test/helpers/hosting.js');
        expect(await postToS3(stale, await deployableZip())).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
      } finally {
        await second.running.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
