import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { credential, writeCredentials } from '../../../test/helpers/credentials.js';
import { createTestContext, runCliInProcess, type TestHarness } from '../../../test/helpers/test-context.js';

let pre: TestHarness | undefined;
afterEach(() => pre?.cleanup());

/** A temp HOME, which is also the cwd of in-process runs. */
function home(): string {
  pre = createTestContext();
  return pre.home;
}

const logins = {
  T0BETA0001: credential({ team_id: 'T0BETA0001', team_domain: 'beta' }),
  T0ALPHA001: credential({ team_id: 'T0ALPHA001', team_domain: 'alpha' }),
  T0EMU00001: credential({ team_id: 'T0EMU00001', team_domain: 'emulator', api_host: 'http://127.0.0.1:5810' }),
};

function writeProject(dir: string, files: { apps?: unknown; dev?: unknown }): void {
  mkdirSync(join(dir, '.slack'), { recursive: true });
  const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v, null, 2));
  if (files.apps !== undefined) writeFileSync(join(dir, '.slack', 'apps.json'), text(files.apps));
  if (files.dev !== undefined) writeFileSync(join(dir, '.slack', 'apps.dev.json'), text(files.dev));
}

const complete = (words: string[], o: Parameters<typeof runCliInProcess>[1] = {}) => runCliInProcess(['__complete', ...words], o);

describe('rosi __complete teams', () => {
  it('prints team IDs, then domains, sorted by domain, each with the other as description', async () => {
    const h = home();
    writeCredentials(h, logins);
    const r = await complete(['teams', '--', ''], { home: h });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(
      [
        'T0ALPHA001\talpha',
        'T0BETA0001\tbeta',
        'T0EMU00001\temulator on http://127.0.0.1:5810',
        'alpha\tT0ALPHA001',
        'beta\tT0BETA0001',
        'emulator\tT0EMU00001 on http://127.0.0.1:5810',
        '',
      ].join('\n'),
    );
  });

  it.each([
    { name: 'a domain prefix', partial: 'b', want: ['beta\tT0BETA0001'] },
    { name: 'an ID prefix in any case', partial: 't0a', want: ['T0ALPHA001\talpha'] },
    { name: 'a word that matches nothing', partial: 'zz', want: [] },
    { name: 'a partial that looks like a flag', partial: '-x', want: [] },
  ])('keeps only values starting with $name', async ({ partial, want }) => {
    const h = home();
    writeCredentials(h, logins);
    const r = await complete(['teams', '--', partial], { home: h });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout.split('\n').filter(Boolean)).toEqual(want);
  });

  it('the partial may follow the source without --', async () => {
    const h = home();
    writeCredentials(h, logins);
    expect((await complete(['teams', 'al'], { home: h })).stdout).toBe('alpha\tT0ALPHA001\n');
  });

  it('reads the folder named by --config-dir on the line', async () => {
    const h = home();
    writeCredentials(h, logins);
    const other = join(h, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'credentials.json'), JSON.stringify({ T0OTHER001: credential({ team_id: 'T0OTHER001', team_domain: 'other' }) }));
    const r = await complete(['teams', '--config-dir', other, '--', ''], { home: h });
    expect(r.stdout).toBe('T0OTHER001\tother\nother\tT0OTHER001\n');
  });

  it('reads the folder named by SLACK_CONFIG_DIR', async () => {
    const h = home();
    const other = join(h, 'from-env');
    mkdirSync(other);
    writeFileSync(join(other, 'credentials.json'), JSON.stringify({ T0ENV00001: credential({ team_id: 'T0ENV00001', team_domain: 'envteam' }) }));
    const r = await complete(['teams', '--', ''], { home: h, env: { SLACK_CONFIG_DIR: other } });
    expect(r.stdout).toBe('T0ENV00001\tenvteam\nenvteam\tT0ENV00001\n');
  });

  it.each([
    { name: 'no config folder at all', creds: undefined },
    { name: 'an empty credentials.json', creds: '' },
    { name: 'a credentials.json that is not JSON', creds: '{"T0ALPHA001": {' },
    { name: 'a credentials.json of the wrong shape', creds: '{"T0ALPHA001": 42}' },
  ])('$name → no candidates, nothing on stderr, exit 0', async ({ creds }) => {
    const h = home();
    if (creds !== undefined) writeCredentials(h, creds);
    expect(await complete(['teams', '--', ''], { home: h })).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });
});

describe('rosi __complete apps', () => {
  const apps = {
    apps: {
      T0ALPHA001: { app_id: 'A0DEPLOY01', team_domain: 'alpha', team_id: 'T0ALPHA001', user_id: 'U1' },
      T0BETA0001: { app_id: 'A0DEPLOY02', team_domain: 'beta', team_id: 'T0BETA0001', user_id: 'U1' },
    },
    default: 'alpha',
  };
  const dev = { T0ALPHA001: { app_id: 'A0LOCAL001', IsDev: true, team_domain: 'alpha', team_id: 'T0ALPHA001', user_id: 'U1' } };

  it('prints deployed apps from .slack/apps.json, then local ones from .slack/apps.dev.json', async () => {
    const h = home();
    writeProject(h, { apps, dev });
    const r = await complete(['apps', '--', ''], { home: h });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe('A0DEPLOY01\talpha (T0ALPHA001), deployed\nA0DEPLOY02\tbeta (T0BETA0001), deployed\nA0LOCAL001\talpha (T0ALPHA001), local\n');
  });

  it('adds apps that only rosi’s per-host record knows, naming their host', async () => {
    const h = home();
    const onOtherHost = { app_id: 'A0OTHERH01', team_domain: 'alpha', team_id: 'T0ALPHA001' };
    writeProject(h, { apps: { ...apps, rosi: { apps: { 'https://slack.com': apps.apps, 'http://127.0.0.1:5811': { T0ALPHA001: onOtherHost } } } } });
    const r = await complete(['apps', '--', ''], { home: h });
    expect(r.stdout).toBe(
      'A0DEPLOY01\talpha (T0ALPHA001), deployed\nA0DEPLOY02\tbeta (T0BETA0001), deployed\nA0OTHERH01\talpha (T0ALPHA001), deployed on http://127.0.0.1:5811\n',
    );
  });

  it('filters by the partial', async () => {
    const h = home();
    writeProject(h, { apps, dev });
    expect((await complete(['apps', '--', 'A0L'], { home: h })).stdout).toBe('A0LOCAL001\talpha (T0ALPHA001), local\n');
  });

  it.each([
    { name: 'no project files', files: {}, want: '' },
    { name: 'the official CLI’s empty `{}`', files: { apps: {}, dev: {} }, want: '' },
    { name: 'a damaged apps.json (the dev file still counts)', files: { apps: '{"apps": [', dev }, want: 'A0LOCAL001\talpha (T0ALPHA001), local\n' },
    { name: 'an apps.json of the wrong shape', files: { apps: { apps: { T1: { team_id: 'T1' } } } }, want: '' },
    {
      name: 'a damaged apps.dev.json (deployed apps still count)',
      files: { apps, dev: 'nope' },
      want: 'A0DEPLOY01\talpha (T0ALPHA001), deployed\nA0DEPLOY02\tbeta (T0BETA0001), deployed\n',
    },
  ])('$name → exit 0, nothing on stderr', async ({ files, want }) => {
    const h = home();
    writeProject(h, files);
    expect(await complete(['apps', '--', ''], { home: h })).toMatchObject({ code: 0, stdout: want, stderr: '' });
  });
});

describe('rosi __complete, anything else', () => {
  it.each([
    { name: 'no words', words: [] },
    { name: 'an unknown source', words: ['datastores', '--', ''] },
    { name: 'a source name from Object.prototype', words: ['constructor', '--', ''] },
  ])('$name → nothing, exit 0', async ({ words }) => {
    const h = home();
    writeCredentials(h, logins);
    expect(await complete(words, { home: h })).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('is hidden from help', async () => {
    const r = await runCliInProcess(['--help']);
    expect(r.stdout).toContain('completion');
    expect(r.stdout).not.toContain('__complete');
  });
});

describe('rosi __complete datastores and attributes', () => {
  const manifest = {
    datastores: {
      tasks: { primary_key: 'id', attributes: { id: { type: 'string' }, status: { type: 'string' }, priority: { type: 'integer' } } },
      notes: { primary_key: 'note_id', attributes: { note_id: { type: 'string' } } },
    },
  };

  function project(files: Record<string, string>): string {
    const h = home();
    const dir = join(h, 'proj');
    writeProject(dir, { apps: { apps: {} } });
    writeFileSync(join(dir, '.slack', 'hooks.json'), '{"hooks": {}}');
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    mkdirSync(join(dir, 'src'), { recursive: true });
    return dir;
  }

  it('offers the datastores of manifest.json with their primary keys, from any folder of the project', async () => {
    const dir = project({ 'manifest.json': JSON.stringify(manifest) });
    const r = await complete(['datastores', '--', ''], { home: pre!.home, cwd: join(dir, 'src') });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe('tasks\tprimary key id\nnotes\tprimary key note_id\n');
  });

  it('offers attribute names with their type and datastore, filtered by the word so far', async () => {
    const dir = project({ 'manifest.json': JSON.stringify(manifest) });
    const r = await complete(['attributes', '--', 'p'], { home: pre!.home, cwd: dir });
    expect(r.stdout).toBe('priority\tinteger in tasks\n');
  });

  it('reads a manifest.ts without running any hook', async () => {
    const dir = project({ 'manifest.ts': `const m: Record<string, unknown> = ${JSON.stringify(manifest)};\nexport default m;\n` });
    const r = await complete(['datastores', '--', 'n'], { home: pre!.home, cwd: dir });
    expect(r).toMatchObject({ code: 0, stderr: '', stdout: 'notes\tprimary key note_id\n' });
  });

  it.each([
    { name: 'outside a project', files: undefined },
    { name: 'with a broken manifest', files: { 'manifest.json': '{"datastores": ' } },
    { name: 'with a manifest without datastores', files: { 'manifest.json': '{}' } },
  ])('offers nothing and stays quiet $name', async ({ files }) => {
    const cwd = files ? project(files) : home();
    const r = await complete(['datastores', '--', ''], { home: pre!.home, cwd });
    expect(r).toEqual(expect.objectContaining({ code: 0, stdout: '', stderr: '' }));
  });
});
