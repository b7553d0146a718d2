import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control, runRosi, SEEDED_APP as APP, startSeededEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';

const manifest = {
  display_information: { name: 'Full' },
  settings: { function_runtime: 'slack' },
  datastores: { tasks: { primary_key: 'id', attributes: { id: { type: 'string' }, title: { type: 'string' } } } },
};

let emu: EmulatorHandle;
let home: string;
let cleanup: () => void;
let dataDir: string;
let token: string;

beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  dataDir = mkdtempSync(join(tmpdir(), 'rosi-emu-full-'));
  emu = await startSeededEmulator(home, manifest, ['--data-dir', dataDir, '--control']);
  token = (await control<{ token: string }>(emu, 'seed', { user_id: 'U0EMULATOR' })).token;
});
afterAll(async () => {
  await emu?.stop();
  cleanup?.();
  rmSync(dataDir, { recursive: true, force: true });
});

const rosi = (...args: string[]) => runRosi([...args, '--app', APP, '--token', token, '--apihost', emu.url], { home });

describe('the emulator with its disk full', () => {
  it('keeps answering reads; writes fail saying the disk is full; all works again once there is room', async () => {
    expect((await rosi('datastore', 'put', '--datastore', 'tasks', '{"item":{"id":"t1","title":"kept"}}')).code).toBe(0);
    await control(emu, 'disk', { full: true });

    const get = await rosi('datastore', 'get', '--datastore', 'tasks', 't1', '--json');
    expect(get.code, get.stderr).toBe(0);
    expect(JSON.parse(get.stdout)).toMatchObject({ item: { id: 't1', title: 'kept' } });
    const query = await rosi('datastore', 'query', '--datastore', 'tasks', '--json');
    expect(query.code, query.stderr).toBe(0);
    const count = await rosi('datastore', 'count', '--datastore', 'tasks', '--json');
    expect(count.code, count.stderr).toBe(0);
    const activity = await rosi('activity', '--json');
    expect(activity.code, activity.stderr).toBe(0);

    const put = await rosi('datastore', 'put', '--datastore', 'tasks', '{"item":{"id":"t2","title":"no room"}}');
    expect(put.code).toBe(1);
    expect(put.stderr).toContain('disk is full');
    expect(put.stderr).not.toMatch(/\n\s+at /);
    expect(put.stderr).toContain(`The emulator at ${emu.url} failed; the terminal where \`rosi emulator\` runs says why.`);
    expect(put.stderr).not.toContain('feedback@slack.com');
    expect(emu.log()).toContain(`the disk holding ${dataDir} is full. Writes fail until space is freed; reads still work.`);

    await control(emu, 'disk', { full: false });
    expect((await rosi('datastore', 'put', '--datastore', 'tasks', '{"item":{"id":"t2","title":"room again"}}')).code).toBe(0);
  });
});
