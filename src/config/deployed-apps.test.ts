import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { DEPLOYED_APPS, projectFolders } from '../../test/helpers/project.js';
import { clearCreatePending, forgetDeployedApps, markCreatePending, pendingCreate, projectAppFor, recordDeployedApp } from './deployed-apps.js';
import { readAppsFile, SLACK_DIR_GITIGNORE } from './project.js';

const project = projectFolders();
const deployed = DEPLOYED_APPS;
const SLACK = 'https://slack.com';
const EMU_A = 'http://127.0.0.1:5810';
const EMU_B = 'http://127.0.0.1:5811';

describe('recordDeployedApp', () => {
  const entry = { app_id: 'A0NEW00001', team_id: 'T0BETA0001', team_domain: 'beta', user_id: 'U2' };
  const rosi = (host: string, e: Record<string, unknown>) => ({ apps: { [host]: { [e.team_id as string]: e } } });

  it('creates .slack/apps.json (0600, 2-space, official keys first in their order, rosi’s section last) and .slack/.gitignore', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rosi-project-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const written = await recordDeployedApp(dir, SLACK, { ...entry, enterprise_id: 'E1' });
    const file = join(dir, '.slack', 'apps.json');
    const text = readFileSync(file, 'utf8');
    const official = { app_id: 'A0NEW00001', enterprise_id: 'E1', team_domain: 'beta', team_id: 'T0BETA0001', user_id: 'U2' };
    expect(text).toBe(JSON.stringify({ apps: { T0BETA0001: official }, default: 'beta', rosi: rosi(SLACK, official) }, null, 2) + '\n');
    expect(written).toEqual(JSON.parse(text));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, '.slack', '.gitignore'), 'utf8')).toBe(SLACK_DIR_GITIGNORE);
  });

  it('adds a second team, keeps unknown fields everywhere and the existing default', async () => {
    const cwd = project({ 'apps.json': JSON.stringify({ ...deployed, top_level_extra: { keep: true } }), '.gitignore': 'mine\n' });
    await recordDeployedApp(cwd, SLACK, entry);
    const file = await readAppsFile(cwd);
    expect(file).toEqual({
      apps: { ...deployed.apps, T0BETA0001: { app_id: 'A0NEW00001', team_domain: 'beta', team_id: 'T0BETA0001', user_id: 'U2' } },
      default: 'alpha',
      top_level_extra: { keep: true },
      rosi: rosi(SLACK, entry),
    });
    expect(readFileSync(join(cwd, '.slack', '.gitignore'), 'utf8')).toBe('mine\n');
  });

  it('re-deploying the same app updates its fields and keeps the ones rosi does not know', async () => {
    const cwd = project({ 'apps.json': JSON.stringify(deployed) });
    await recordDeployedApp(cwd, SLACK, { app_id: 'A0ALPHA001', team_id: 'T0ALPHA001', team_domain: 'alpha-renamed', user_id: 'U1' });
    expect((await readAppsFile(cwd)).apps?.T0ALPHA001).toEqual({
      app_id: 'A0ALPHA001',
      team_domain: 'alpha-renamed',
      team_id: 'T0ALPHA001',
      user_id: 'U1',
      future_field: 1,
    });
    expect((await readAppsFile(cwd)).default).toBe('alpha-renamed');
  });

  it('a damaged apps.json is refused and left untouched', async () => {
    const cwd = project({ 'apps.json': '{"apps": [' });
    await expect(recordDeployedApp(cwd, SLACK, entry)).rejects.toMatchObject({
      code: 'project_config_corrupt',
      exitCode: 2,
      message: expect.stringContaining(join(cwd, '.slack', 'apps.json')),
    });
    expect(readFileSync(join(cwd, '.slack', 'apps.json'), 'utf8')).toBe('{"apps": [');
  });

  it('the same team ID on two hosts: each host finds its own app, and the official entry stays with the first host', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rosi-project-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const team = 'T0EMULATOR';
    await recordDeployedApp(dir, EMU_A, { app_id: 'A0ONHOSTA1', team_id: team, team_domain: 'emulator' });
    await recordDeployedApp(dir, EMU_B, { app_id: 'A0ONHOSTB1', team_id: team, team_domain: 'emulator' });
    expect(await projectAppFor(dir, { host: EMU_A, team }, undefined)).toBe('A0ONHOSTA1');
    expect(await projectAppFor(dir, { host: EMU_B, team }, undefined)).toBe('A0ONHOSTB1');
    expect(await projectAppFor(dir, { host: SLACK, team }, undefined)).toBeUndefined();
    expect((await readAppsFile(dir)).apps?.[team]?.app_id).toBe('A0ONHOSTA1');
  });
});

describe('projectAppFor', () => {
  it('an apps.json without rosi’s section (written by the official CLI) is read by team on any host', async () => {
    const cwd = project({ 'apps.json': JSON.stringify(deployed) });
    expect(await projectAppFor(cwd, { host: SLACK, team: 'T0ALPHA001' }, undefined)).toBe('A0ALPHA001');
    expect(await projectAppFor(cwd, { host: SLACK, team: 'T0OTHER001' }, undefined)).toBeUndefined();
  });

  it('an --app that contradicts the record for this host and team is a usage error naming both', async () => {
    const cwd = project({ 'apps.json': JSON.stringify(deployed) });
    await expect(projectAppFor(cwd, { host: SLACK, team: 'T0ALPHA001' }, 'A0WRONG001')).rejects.toMatchObject({
      code: 'invalid_app_flag',
      exitCode: 2,
      hint: 'Use --app A0ALPHA001, or leave --app out.',
    });
  });
});

describe('pending creates', () => {
  it('are kept per host and team, cleared by a refusal or by recording the app, and leave no trace when gone', async () => {
    const cwd = project({ 'apps.json': JSON.stringify(deployed) });
    const a = { host: EMU_A, team: 'T0EMUA0001' };
    const b = { host: EMU_B, team: 'T0EMUA0001' };
    await markCreatePending(cwd, a, { app_name: 'Hello', started_at: '2026-12-06T18:00:00.000Z' });
    await markCreatePending(cwd, b, { app_name: 'Hello', started_at: '2026-12-06T18:01:00.000Z' });
    expect(await pendingCreate(cwd, a)).toEqual({ app_name: 'Hello', started_at: '2026-12-06T18:00:00.000Z' });
    await clearCreatePending(cwd, a);
    expect(await pendingCreate(cwd, a)).toBeUndefined();
    expect(await pendingCreate(cwd, b)).toBeDefined();
    await recordDeployedApp(cwd, b.host, { app_id: 'A0HELLO001', team_id: b.team, team_domain: 'emu' });
    const file = await readAppsFile(cwd);
    expect(file.rosi?.pending).toBeUndefined();
    expect(file.apps?.T0ALPHA001).toEqual(deployed.apps.T0ALPHA001);
  });
});

describe('forgetDeployedApps', () => {
  it('removes what deploys to one host recorded, official entry and pending create included, and keeps everything else', async () => {
    const cwd = project({ 'apps.json': JSON.stringify({ ...deployed, top_level_extra: { keep: true } }) });
    const before = readFileSync(join(cwd, '.slack', 'apps.json'), 'utf8');
    await recordDeployedApp(cwd, EMU_A, { app_id: 'A0EXEC0001', team_id: 'T0EXEC0001', team_domain: 'emulator' });
    await recordDeployedApp(cwd, EMU_B, { app_id: 'A0OTHER001', team_id: 'T0OTHER001', team_domain: 'emulator' });
    await markCreatePending(cwd, { host: EMU_A, team: 'T0EXEC0002' }, { app_name: 'Hello', started_at: '2026-12-06T18:00:00.000Z' });
    await forgetDeployedApps(cwd, EMU_A);
    const file = await readAppsFile(cwd);
    expect(file.apps).toEqual({ ...deployed.apps, T0OTHER001: { app_id: 'A0OTHER001', team_domain: 'emulator', team_id: 'T0OTHER001' } });
    expect(file.rosi).toEqual({ apps: { [EMU_B]: { T0OTHER001: { app_id: 'A0OTHER001', team_domain: 'emulator', team_id: 'T0OTHER001' } } } });
    expect(file.default).toBe(deployed.default);
    expect(file).toMatchObject({ top_level_extra: { keep: true } });
    await forgetDeployedApps(cwd, EMU_B);
    expect(JSON.parse(readFileSync(join(cwd, '.slack', 'apps.json'), 'utf8'))).toEqual(JSON.parse(before));
  });

  it('removes a file that held only that host’s app, and touches no file with nothing to forget', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rosi-project-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    await forgetDeployedApps(dir, EMU_A);
    expect(existsSync(join(dir, '.slack', 'apps.json'))).toBe(false);
    await recordDeployedApp(dir, EMU_A, { app_id: 'A0EXEC0001', team_id: 'T0EXEC0001', team_domain: 'emulator' });
    await forgetDeployedApps(dir, EMU_A);
    expect(existsSync(join(dir, '.slack', 'apps.json'))).toBe(false);
  });

  it('an official entry that another app took over stays', async () => {
    const cwd = project({ 'apps.json': JSON.stringify({}) });
    await recordDeployedApp(cwd, EMU_A, { app_id: 'A0EXEC0001', team_id: 'T0EXEC0001', team_domain: 'emulator' });
    const file = await readAppsFile(cwd);
    writeFileSync(join(cwd, '.slack', 'apps.json'), JSON.stringify({ ...file, apps: { T0EXEC0001: { app_id: 'A0OFFICIAL1', team_id: 'T0EXEC0001' } } }));
    await forgetDeployedApps(cwd, EMU_A);
    expect(await readAppsFile(cwd)).toEqual({ apps: { T0EXEC0001: { app_id: 'A0OFFICIAL1', team_id: 'T0EXEC0001' } }, default: 'emulator' });
  });
});
