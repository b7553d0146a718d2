import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { datastoreManifest } from '../../../test/helpers/datastore.js';
import { allowLoopback, startInProcess, type InProcessEmulator } from '../../../test/helpers/in-process-emulator.js';
import { ManualClock } from '../../../test/helpers/manual-clock.js';
import { SEEDED_APP_ID } from './seed-app.js';

describe('the app seeded from a manifest', () => {
  let dir = '';
  const running: InProcessEmulator[] = [];
  const clock = new ManualClock('2026-11-28T12:00:00Z', false);
  beforeEach(() => {
    allowLoopback();
    dir = mkdtempSync(join(tmpdir(), 'rosi-emu-seed-'));
  });
  afterEach(async () => {
    for (const e of running.splice(0)) await e.running.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const start = async (o: Parameters<typeof startInProcess>[0]) => {
    const e = await startInProcess({ dataDir: dir, clock, ...o });
    running.push(e);
    return e;
  };
  const tokenOf = async (e: InProcessEmulator) => String((await e.control('seed', { user_id: 'U0EMULATOR' })).body.token);

  it('refuses a --manifest nested thousands deep with invalid_manifest, not a stack overflow', async () => {
    const manifest = JSON.parse(`{"display_information": {"name": "deep"}, "x": ${'['.repeat(20_000)}${']'.repeat(20_000)}}`) as Record<string, unknown>;
    await expect(start({ manifest })).rejects.toMatchObject({
      code: 'invalid_manifest',
      message: expect.stringMatching(/^The manifest has a problem: The manifest nests deeper than 64 levels/),
    });
  });

  it('keeps its ID and its items across a restart with an edited manifest', async () => {
    const first = await start({ manifest: datastoreManifest() });
    expect(first.running.appId).toBe(SEEDED_APP_ID);
    const token = await tokenOf(first);
    expect(await first.json('apps.datastore.put', { app_id: SEEDED_APP_ID, datastore: 'tasks', item: { task_id: 'a', title: 'kept' } }, token)).toMatchObject({
      ok: true,
    });
    await first.running.close();
    running.length = 0;

    const edited = datastoreManifest();
    (edited.datastores as Record<string, unknown>).notes = { primary_key: 'id', attributes: { id: { type: 'string' } } };
    const second = await start({ manifest: edited, port: first.running.port });
    expect(second.running.appId).toBe(SEEDED_APP_ID);
    expect(await second.json('apps.datastore.get', { app_id: SEEDED_APP_ID, datastore: 'tasks', id: 'a' }, token)).toMatchObject({ item: { title: 'kept' } });
    expect(await second.json('apps.datastore.count', { app_id: SEEDED_APP_ID, datastore: 'notes' }, token)).toEqual({ ok: true, datastore: 'notes', count: 0 });
  });

  it('is not made without a manifest', async () => {
    const e = await start({});
    expect(e.running.appId).toBeNull();
  });

  it('refuses a data dir where the app belongs to another team', async () => {
    const first = await start({ manifest: datastoreManifest() });
    await first.running.close();
    running.length = 0;
    await expect(start({ manifest: datastoreManifest(), team: { id: 'T0SOMEONEELSE', domain: 'else', name: 'Else' } })).rejects.toMatchObject({
      code: 'seeded_app_conflict',
    });
  });
});
