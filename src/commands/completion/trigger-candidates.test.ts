import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../../../test/helpers/test-context.js';
import { APP_ID, deployed, rosi, tempFolders } from '../../../test/helpers/trigger-commands.js';
import { server } from '../../../test/msw/server.js';
import { slackMethod } from '../../../test/msw/slack.js';
import { noteTriggers } from '../../triggers/known-triggers.js';

const folder = tempFolders();
const complete = (words: string[], o: { home: string; cwd?: string }) => runCliInProcess(['__complete', ...words], o);
const lines = (r: { stdout: string }) => r.stdout.split('\n').filter(Boolean);
/** Where rosi notes triggers for a test HOME (no XDG_DATA_HOME). */
const knownFile = (home: string) => join(home, '.local', 'share', 'rosi', 'known-triggers.json');
const NOW = new Date('2026-01-01T00:00:00Z');

describe('rosi __complete triggers', () => {
  it('offers what `trigger list` found for --app, names as descriptions; a delete takes one away', async () => {
    const home = folder({});
    server.use(
      slackMethod('workflows.triggers.list', () => ({ triggers: [deployed('Ft0AAA0001', { name: 'Greet' }), deployed('Ft0BBB0002', { name: 'Nightly' })] })),
      slackMethod('workflows.triggers.delete', () => ({})),
    );
    expect((await rosi(['trigger', 'list'], { home })).code).toBe(0);
    const r = await complete(['triggers', '--app', APP_ID, '--', ''], { home });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(lines(r)).toEqual(['Ft0AAA0001\tGreet', 'Ft0BBB0002\tNightly']);
    expect(lines(await complete(['triggers', '--app', APP_ID, '--', 'Ft0B'], { home }))).toEqual(['Ft0BBB0002\tNightly']);

    expect((await rosi(['trigger', 'delete', '--trigger-id', 'Ft0AAA0001', '--force'], { home })).code).toBe(0);
    expect(lines(await complete(['triggers', '--app', APP_ID, '--', ''], { home }))).toEqual(['Ft0BBB0002\tNightly']);
  });

  it('without --app: the triggers of the project’s apps, each naming its app', async () => {
    const home = folder({
      'app/.slack/hooks.json': '{"hooks": {}}',
      'app/.slack/apps.json': JSON.stringify({ apps: { T1: { app_id: 'A0DEPLOY01', team_id: 'T1' } } }),
      'app/.slack/apps.dev.json': JSON.stringify({ T1: { app_id: 'A0LOCAL001', team_id: 'T1', IsDev: true } }),
    });
    await noteTriggers(knownFile(home), 'A0DEPLOY01', { add: [{ id: 'Ft0DEP0001', name: 'Deployed one' }] }, NOW);
    await noteTriggers(knownFile(home), 'A0LOCAL001', { add: [{ id: 'Ft0LOC0001', type: 'shortcut' }] }, NOW);
    await noteTriggers(knownFile(home), 'A0ELSEWHERE', { add: [{ id: 'Ft0NOT0001' }] }, NOW);
    mkdirSync(join(home, 'app', 'functions'));
    for (const cwd of [join(home, 'app'), join(home, 'app', 'functions')]) {
      expect(lines(await complete(['triggers', '--', ''], { home, cwd }))).toEqual([
        'Ft0DEP0001\tDeployed one, app A0DEPLOY01',
        'Ft0LOC0001\tshortcut trigger, app A0LOCAL001',
      ]);
    }
    expect(lines(await complete(['triggers', '--app', 'A0LOCAL001', '--', ''], { home, cwd: join(home, 'app') }))).toEqual(['Ft0LOC0001\tshortcut trigger']);
  });

  it('outside a project and without --app: nothing, exit 0, nothing on stderr', async () => {
    const home = folder({});
    await noteTriggers(knownFile(home), APP_ID, { add: [{ id: 'Ft0AAA0001' }] }, NOW);
    expect(await complete(['triggers', '--', ''], { home })).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('a damaged note: nothing, exit 0, nothing on stderr', async () => {
    const home = folder({});
    mkdirSync(join(knownFile(home), '..'), { recursive: true });
    writeFileSync(knownFile(home), '{"A0TRG00001": {"triggers": [');
    expect(await complete(['triggers', '--app', APP_ID, '--', ''], { home })).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });
});

describe('rosi __complete trigger-files', () => {
  const project = {
    '.slack/hooks.json': '{"hooks": {}}',
    'triggers/greet.json': '{}',
    'triggers/nightly.ts': 'export default {}',
    'triggers/nightly.ts~': '',
    'triggers/nested/deep.json': '{}',
    'other/x.json': '{}',
  };

  it('the files under the trigger paths, as typed from the folder rosi runs in', async () => {
    const home = folder(project);
    expect(lines(await complete(['trigger-files', '--', ''], { home, cwd: home }))).toEqual(['triggers/greet.json', 'triggers/nightly.ts']);
    expect(lines(await complete(['trigger-files', '--', 'triggers/n'], { home, cwd: home }))).toEqual(['triggers/nightly.ts']);
    expect(lines(await complete(['trigger-files', '--', ''], { home, cwd: join(home, 'other') }))).toEqual([
      '../triggers/greet.json',
      '../triggers/nightly.ts',
    ]);
  });

  it('hooks.json config.trigger-paths, read without running any hook', async () => {
    const home = folder({
      ...project,
      '.slack/hooks.json': JSON.stringify({ hooks: { 'get-hooks': 'touch ran' }, config: { 'trigger-paths': ['other/*.json'] } }),
    });
    expect(lines(await complete(['trigger-files', '--', ''], { home, cwd: home }))).toEqual(['other/x.json']);
    expect(existsSync(join(home, 'ran'))).toBe(false);
  });

  it('outside a project, or with no definition files: nothing (the script offers file names)', async () => {
    const home = folder({ 'triggers/a.json': '{}' });
    expect(await complete(['trigger-files', '--', ''], { home, cwd: home })).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const empty = folder({ '.slack/hooks.json': '{"hooks": {}}' });
    expect(await complete(['trigger-files', '--', ''], { home: empty, cwd: empty })).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });
});
