import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { control, runRosi, sampleApp, type EmulatorHandle } from '../helpers/e2e.js';
import { useLoggedInEmulator } from './login-helpers.js';

let emu: EmulatorHandle;
let home: string;
useLoggedInEmulator((s) => ({ emu, home } = s));

interface AppsJson {
  apps?: Record<string, { app_id: string }>;
  rosi?: { apps?: Record<string, Record<string, { app_id: string }>>; pending?: Record<string, Record<string, { app_name: string }>> };
}
const appsJson = (app: string) => JSON.parse(readFileSync(join(app, '.slack', 'apps.json'), 'utf8')) as AppsJson;
const deploy = (cwd: string, args: string[] = []) => runRosi(['deploy', ...args], { home, cwd, timeoutMs: 60_000 });
const creates = async () => (await control<{ count: number }>(emu, 'calls?method=apps.manifest.create')).count;

describe('a first deploy that fails after apps.manifest.create', () => {
  it('records the app as soon as create answers, so the retry updates it instead of creating another', async () => {
    const app = sampleApp(home, 'upload-fails');
    const before = await creates();
    await control(emu, 'uploads/fail', { count: 1, status: 400 });
    const first = await deploy(app);
    expect(first.code, first.stderr).toBe(1);
    expect(first.stderr).toContain('(upload_rejected)');
    const recorded = appsJson(app).apps?.[emu.teamId]?.app_id;
    expect(recorded).toMatch(/^A[A-Z0-9]+$/);
    expect(appsJson(app).rosi?.apps?.[emu.url]?.[emu.teamId]?.app_id).toBe(recorded);

    const retry = await deploy(app, ['--json']);
    expect(retry.code, retry.stderr).toBe(0);
    expect(JSON.parse(retry.stdout)).toMatchObject({ app_id: recorded, created: false });
    expect(await creates()).toBe(before + 1);
  });

  it('a dropped create answer is not followed by a second create: the retry stops and says how to go on', async () => {
    const app = sampleApp(home, 'create-dropped');
    const before = await creates();
    // The apps family sees validate, then create: every 2nd call loses its answer after it ran.
    await control(emu, 'faults', { spec: 'apps:drop@50%' });
    const first = await deploy(app);
    await control(emu, 'faults', { spec: '' });
    expect(first.code, first.stderr).toBe(1);
    expect(first.stderr).toContain(
      'Hello Rosi may have been created in Emulator Workspace without rosi hearing back; the next deploy asks before creating another',
    );
    expect(await creates()).toBe(before + 1);
    expect(appsJson(app).rosi?.pending?.[emu.url]?.[emu.teamId]).toMatchObject({ app_name: 'Hello Rosi' });
    expect(appsJson(app).apps?.[emu.teamId]).toBeUndefined();

    const retry = await deploy(app);
    expect(retry.code).toBe(1);
    expect(retry.stderr).toContain('(create_unconfirmed)');
    expect(retry.stderr).toContain(`asked ${emu.url} to create Hello Rosi`);
    expect(retry.stderr).toContain('rosi deploy --force');
    expect(retry.stderr).not.toMatch(/\n\s+at /);
    expect(await creates()).toBe(before + 1);

    // The hint's command, as printed: the user says there is no app, so one is made and recorded.
    const forced = await deploy(app, ['--force', '--json']);
    expect(forced.code, forced.stderr).toBe(0);
    const { app_id, created } = JSON.parse(forced.stdout) as { app_id: string; created: boolean };
    expect(created).toBe(true);
    expect(await creates()).toBe(before + 2);
    expect(appsJson(app).apps?.[emu.teamId]?.app_id).toBe(app_id);
    expect(appsJson(app).rosi?.pending).toBeUndefined();
  });
});
