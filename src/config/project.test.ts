import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CliError } from '../errors/cli-error.js';
import { readAppsFile, readDevAppsFile, readProjectApps } from './project.js';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

function project(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'rosi-project-'));
  mkdirSync(join(dir, '.slack'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, '.slack', name), text);
  return dir;
}

const deployed = {
  apps: {
    T0ALPHA001: { app_id: 'A0ALPHA001', team_domain: 'alpha', team_id: 'T0ALPHA001', user_id: 'U1', future_field: 1 },
  },
  default: 'alpha',
};

describe('readAppsFile', () => {
  it.each([
    { name: 'no .slack folder → no apps', files: undefined },
    { name: 'an empty file → no apps', files: { 'apps.json': ' \n' } },
    { name: '`{}` as the official CLI creates it → no apps', files: { 'apps.json': '{}\n' } },
  ])('$name', async ({ files }) => {
    const cwd = files ? project(files) : (dir = mkdtempSync(join(tmpdir(), 'rosi-project-')));
    expect((await readAppsFile(cwd)).apps ?? {}).toEqual({});
  });

  it('reads apps keyed by team and keeps fields it does not know', async () => {
    const file = await readAppsFile(project({ 'apps.json': JSON.stringify(deployed, null, 2) }));
    expect(file).toEqual(deployed);
  });

  it.each([
    { name: 'invalid JSON', text: '{"apps": {', why: /is damaged: it is not valid JSON/ },
    { name: 'an app without app_id', text: '{"apps": {"T1": {"team_id": "T1"}}}', why: /is damaged: apps\.T1\.app_id/ },
    { name: 'apps that is not an object', text: '{"apps": []}', why: /is damaged: apps/ },
  ])('$name → project_config_corrupt naming the file', async ({ text, why }) => {
    const cwd = project({ 'apps.json': text });
    const error = await readAppsFile(cwd).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({ code: 'project_config_corrupt', exitCode: 1 });
    expect((error as Error).message).toContain(join(cwd, '.slack', 'apps.json'));
    expect((error as Error).message).toMatch(why);
  });
});

describe('readDevAppsFile', () => {
  it('reads local apps keyed by team, with the capitalised IsDev key', async () => {
    const dev = { T0ALPHA001: { app_id: 'A0LOCAL001', IsDev: true, team_domain: 'alpha', team_id: 'T0ALPHA001', user_id: 'U1' } };
    expect(await readDevAppsFile(project({ 'apps.dev.json': JSON.stringify(dev) }))).toEqual(dev);
  });

  it('a file that is not an object map is damaged', async () => {
    await expect(readDevAppsFile(project({ 'apps.dev.json': '[1]' }))).rejects.toMatchObject({ code: 'project_config_corrupt' });
  });
});

describe('readProjectApps', () => {
  it('lists deployed apps, then local ones, each with its environment', async () => {
    const cwd = project({
      'apps.json': JSON.stringify(deployed),
      'apps.dev.json': JSON.stringify({ T0BETA0001: { app_id: 'A0LOCAL002', IsDev: true, team_domain: 'beta', team_id: 'T0BETA0001' } }),
    });
    expect((await readProjectApps(cwd)).map((a) => [a.app_id, a.team_domain, a.environment])).toEqual([
      ['A0ALPHA001', 'alpha', 'deployed'],
      ['A0LOCAL002', 'beta', 'local'],
    ]);
  });
});
