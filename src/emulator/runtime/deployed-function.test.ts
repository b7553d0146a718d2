// Deploy, unpack, run: a function uploaded through the emulator's own deploy methods runs in real Deno.
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { functionPayload, standInApi, tempFolder, type StandInApi } from '../../../test/helpers/function-runtime.js';
import { createApp, hostedManifest, makeZip, uploadZip } from '../../../test/helpers/hosting.js';
import { allowLoopback, startInProcess } from '../../../test/helpers/in-process-emulator.js';
import { describeWith } from '../../../test/helpers/system-tools.js';
import { latestDeployment } from '../hosting/index.js';
import { Store } from '../store.js';
import { createRuntime, type Runtime } from './index.js';

describeWith(['deno'], 'a deployed function', () => {
  let api: StandInApi;
  let runtime: Runtime | undefined;
  beforeEach(async () => {
    allowLoopback();
    api = await standInApi();
  });
  afterEach(async () => {
    await runtime?.close();
    await api.close();
  });

  it('runs from the zip apps.hosted.upload recorded, unpacked under the data folder', async () => {
    const dataDir = tempFolder();
    const emu = await startInProcess({ dataDir });
    let appId: string;
    try {
      const app = await createApp(emu);
      appId = app.appId;
      const zip = await makeZip({
        'manifest.json': JSON.stringify(hostedManifest()),
        'functions/create_task.js': 'export default ({ inputs }) => ({ outputs: { id: `task-${inputs.title}` } });',
      });
      const key = await uploadZip(emu, app.token, appId, zip);
      expect(await emu.json('apps.hosted.upload', { app_id: appId, s3_key: key, runtime: 'deno' }, app.token)).toMatchObject({ ok: true });
    } finally {
      await emu.running.close();
    }

    const store = await Store.open(join(dataDir, 'emulator.db'));
    const deployment = latestDeployment({ store, hosting: { uploadsDir: join(dataDir, 'uploads') } }, appId);
    store.close();
    expect(deployment).toMatchObject({ appId, version: 1 });
    if (!deployment) return;

    runtime = await createRuntime({
      deno: { explicit: process.env.ROSI_DENO, searchPath: process.env.PATH },
      dir: join(dataDir, 'runtime'),
      functionTimeoutMs: 10_000,
      maxExecutions: 1,
    });
    const bundleDir = await runtime.bundleFolder(deployment);
    expect(bundleDir.startsWith(join(dataDir, 'runtime', 'bundles', appId, 'v1-'))).toBe(true);
    const r = await runtime.run({
      bundleDir,
      payload: functionPayload({ callbackId: 'create_task', apiUrl: api.apiUrl, inputs: { title: 'milk' } }),
      allowNet: ['api.example.com'],
    });
    expect(r).toMatchObject({ outcome: 'returned' });
    expect(api.calls.map((c) => c.body)).toEqual(['outputs=%7B%22id%22%3A%22task-milk%22%7D&function_execution_id=Fx0123ABCD']);
  });

  it('is not there before the first deploy', async () => {
    const store = await Store.open(':memory:');
    try {
      expect(latestDeployment({ store, hosting: { uploadsDir: tempFolder() } }, 'A0NOTDEPLOYED')).toBeUndefined();
    } finally {
      store.close();
    }
  });
});
