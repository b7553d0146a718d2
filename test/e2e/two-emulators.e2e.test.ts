import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRosi, sampleApp, startEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';
import { loginSplit } from './login-helpers.js';

let home: string;
let cleanup: () => void;
const running: EmulatorHandle[] = [];
const dataDirs: string[] = [];

beforeEach(() => ({ home, cleanup } = tempHome()));
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
  for (const d of dataDirs.splice(0)) rmSync(d, { recursive: true, force: true });
  cleanup();
});

async function emulator(extra: string[] = []): Promise<EmulatorHandle> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rosi-emu-data-'));
  dataDirs.push(dataDir);
  const emu = await startEmulator(['--data-dir', dataDir, '--control', ...extra]);
  running.push(emu);
  return emu;
}

const deployTo = async (emu: EmulatorHandle, cwd: string) => {
  const r = await runRosi(['deploy', '--json', '--apihost', emu.url], { home, cwd, timeoutMs: 60_000 });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { app_id: string; created: boolean; team_id: string };
};

interface AppsJson {
  apps: Record<string, { app_id: string; team_id: string }>;
  default?: string;
  rosi: { apps: Record<string, Record<string, { app_id: string }>> };
}
const appsJson = (app: string) => JSON.parse(readFileSync(join(app, '.slack', 'apps.json'), 'utf8')) as AppsJson;

describe('two emulators on one machine', () => {
  it('each data folder has its own team ID, so logging in to both keeps both logins, and a project deploys to each', async () => {
    const a = await emulator();
    const b = await emulator();
    expect(a.teamId).toMatch(/^T[A-Z0-9]{10}$/);
    expect(b.teamId).toMatch(/^T[A-Z0-9]{10}$/);
    expect(a.teamId).not.toBe(b.teamId);

    await loginSplit(a, home);
    await loginSplit(b, home);
    const list = await runRosi(['auth', 'list', '--json'], { home });
    expect(list.code, list.stderr).toBe(0);
    const logins = JSON.parse(list.stdout) as { team_id: string; api_host: string }[];
    expect(logins.map((l) => [l.team_id, l.api_host]).sort()).toEqual(
      [
        [a.teamId, a.url],
        [b.teamId, b.url],
      ].sort(),
    );

    const app = sampleApp(home, 'app');
    const onA = await deployTo(a, app);
    const onB = await deployTo(b, app);
    expect(onA).toMatchObject({ created: true, team_id: a.teamId });
    expect(onB).toMatchObject({ created: true, team_id: b.teamId });
    expect(await deployTo(a, app)).toMatchObject({ app_id: onA.app_id, created: false });
    expect(await deployTo(b, app)).toMatchObject({ app_id: onB.app_id, created: false });

    const file = appsJson(app);
    expect(file.apps[a.teamId]).toMatchObject({ app_id: onA.app_id, team_id: a.teamId });
    expect(file.apps[b.teamId]).toMatchObject({ app_id: onB.app_id, team_id: b.teamId });
    expect(file.rosi.apps[a.url]?.[a.teamId]?.app_id).toBe(onA.app_id);
    expect(file.rosi.apps[b.url]?.[b.teamId]?.app_id).toBe(onB.app_id);

    const get = await runRosi(['datastore', 'count', '--datastore', 'tasks', '--json', '--apihost', b.url], { home, cwd: app });
    expect(get.code, get.stderr).toBe(0);
  });

  it('the same team ID on two hosts: each host gets and keeps its own app; the official entry stays with the first', async () => {
    const team = ['--team-id', 'T0SHARED01'];
    const a = await emulator(team);
    const b = await emulator(team);
    const app = sampleApp(home, 'app');

    await loginSplit(a, home);
    const onA = await deployTo(a, app);
    // The credentials file holds one login per team ID, so this login replaces the first.
    await loginSplit(b, home);
    const onB = await deployTo(b, app);
    expect(onB.created).toBe(true);
    expect(onB.app_id).not.toBe(onA.app_id);
    await loginSplit(a, home);
    expect(await deployTo(a, app)).toMatchObject({ app_id: onA.app_id, created: false });

    const file = appsJson(app);
    expect(file.apps).toEqual({ T0SHARED01: expect.objectContaining({ app_id: onA.app_id }) });
    expect(file.default).toBe('emulator');
    expect(file.rosi.apps[a.url]?.T0SHARED01?.app_id).toBe(onA.app_id);
    expect(file.rosi.apps[b.url]?.T0SHARED01?.app_id).toBe(onB.app_id);
  });
});
