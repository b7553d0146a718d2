import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { DEPLOYED_APPS, projectFolders } from '../../test/helpers/project.js';
import { CliError } from '../errors/cli-error.js';
import { findProjectRoot, readAppsFile, readDevAppsFile, readProjectApps } from './project.js';

const project = projectFolders();
const deployed = DEPLOYED_APPS;

/** A temporary folder, removed when the test ends. */
function temp(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

describe('readAppsFile', () => {
  it.each([
    { name: 'no .slack folder → no apps', files: undefined },
    { name: 'an empty file → no apps', files: { 'apps.json': ' \n' } },
    { name: '`{}` as the official CLI creates it → no apps', files: { 'apps.json': '{}\n' } },
  ])('$name', async ({ files }) => {
    const cwd = files ? project(files) : temp('rosi-project-');
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
    expect(error).toMatchObject({ code: 'project_config_corrupt', exitCode: 2 });
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

describe('findProjectRoot', () => {
  function tree(files: string[]): string {
    const dir = temp('rosi-root-');
    for (const f of files) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      if (!f.endsWith('/')) writeFileSync(join(dir, f), '{}');
    }
    return dir;
  }

  it.each([
    { name: '.slack/hooks.json in cwd', files: ['home/app/.slack/hooks.json'], cwd: 'home/app', want: 'home/app' },
    { name: 'found from a sub-folder', files: ['home/app/.slack/hooks.json', 'home/app/functions/x/'], cwd: 'home/app/functions/x', want: 'home/app' },
    {
      name: 'the nearest project wins',
      files: ['home/app/.slack/hooks.json', 'home/app/inner/.slack/hooks.json'],
      cwd: 'home/app/inner',
      want: 'home/app/inner',
    },
    { name: 'legacy slack.json', files: ['home/app/slack.json'], cwd: 'home/app', want: 'home/app' },
    { name: 'legacy .slack/slack.json', files: ['home/app/.slack/slack.json'], cwd: 'home/app', want: 'home/app' },
    { name: 'the home folder itself', files: ['home/.slack/hooks.json', 'home/a/'], cwd: 'home/a', want: 'home' },
    { name: 'a .slack folder without hooks is not a project', files: ['home/app/.slack/apps.json'], cwd: 'home/app', want: undefined },
    { name: 'the walk stops at home', files: ['.slack/hooks.json', 'home/app/'], cwd: 'home/app', want: undefined },
  ])('$name', ({ files, cwd, want }) => {
    const base = tree(files);
    expect(findProjectRoot(join(base, cwd), join(base, 'home'))).toBe(want === undefined ? undefined : join(base, want));
  });

  it('walks to / when cwd is outside home', () => {
    const base = tree(['.slack/hooks.json', 'elsewhere/deep/']);
    expect(findProjectRoot(join(base, 'elsewhere/deep'), '/nonexistent-home')).toBe(base);
  });

  it('.slack/cli.json is refused with the official error code', () => {
    const base = tree(['home/app/.slack/cli.json']);
    expect(() => findProjectRoot(join(base, 'home/app'), join(base, 'home'))).toThrow(
      expect.objectContaining({ code: 'cli_config_location_error', exitCode: 2 }),
    );
  });
});
