import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyAssets } from './assets.js';
import { createIgnoreRules, loadIgnoreRules } from './ignore.js';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('createIgnoreRules', () => {
  const rules = createIgnoreRules(['# comment', 'assets/drafts/', '*.psd', '!keep.psd', 'logs', '!.env.example', '!.slack/', '!node_modules/'].join('\n'));

  it.each([
    // never packaged, whatever .slackignore says
    { path: '.env', dir: false, want: true },
    { path: '.env.local', dir: false, want: true },
    { path: 'assets/.env.example', dir: false, want: true },
    { path: '.git', dir: true, want: true },
    { path: '.git/config', dir: false, want: true },
    { path: '.slack/apps.json', dir: false, want: true },
    { path: 'assets/node_modules/x/index.js', dir: false, want: true },
    // defaults, which .slackignore could bring back
    { path: 'assets/.DS_Store', dir: false, want: true },
    { path: 'assets/icon.png~', dir: false, want: true },
    // .slackignore
    { path: 'assets/drafts', dir: true, want: true },
    { path: 'assets/drafts/sketch.png', dir: false, want: true },
    { path: 'assets/art.psd', dir: false, want: true },
    { path: 'assets/keep.psd', dir: false, want: false },
    { path: 'assets/logs', dir: true, want: true },
    { path: 'assets/logs/today.txt', dir: false, want: true },
    // everything else
    { path: 'assets/icon.png', dir: false, want: false },
    { path: 'assets/environment.json', dir: false, want: false },
    { path: 'assets/drafts.txt', dir: false, want: false },
    { path: './assets/icon.png', dir: false, want: false },
  ])('$path → $want', ({ path, dir: isDir, want }) => {
    expect(rules.ignores(path, isDir)).toBe(want);
  });

  it('folder-only patterns need to know a folder is one', () => {
    const r = createIgnoreRules('cache/\n');
    expect(r.ignores('assets/cache', true)).toBe(true);
    expect(r.ignores('assets/cache', false)).toBe(false);
  });

  it('the defaults can be brought back; the never list cannot', () => {
    const r = createIgnoreRules('!.DS_Store\n!.env\n');
    expect(r.ignores('assets/.DS_Store')).toBe(false);
    expect(r.ignores('.env')).toBe(true);
  });
});

describe('loadIgnoreRules + copyAssets', () => {
  function project(files: Record<string, string>): string {
    dir = mkdtempSync(join(tmpdir(), 'rosi-ignore-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return dir;
  }

  it('copies assets/ as seen from the project root, minus ignored paths', async () => {
    const root = project({
      '.slackignore': 'assets/raw/\n*.log\n',
      'assets/icon.png': 'png',
      'assets/fonts/a.woff2': 'font',
      'assets/raw/huge.tif': 'tif',
      'assets/debug.log': 'log',
      'assets/.env': 'SECRET=1',
      'assets/.DS_Store': 'x',
      'outside.txt': 'not an asset',
    });
    const out = join(root, 'out');
    expect(await copyAssets(root, out, await loadIgnoreRules(root))).toEqual(['assets/fonts/a.woff2', 'assets/icon.png']);
    expect(readdirSync(join(out, 'assets')).sort()).toEqual(['fonts', 'icon.png']);
  });

  it('a link is recreated as an absolute link to its target, for checkOutput to judge', async () => {
    const root = project({ 'assets/real.txt': 'r' });
    symlinkSync('real.txt', join(root, 'assets', 'alias.txt'));
    const out = join(root, 'out');
    expect(await copyAssets(root, out, await loadIgnoreRules(root))).toEqual(['assets/alias.txt', 'assets/real.txt']);
  });

  it('no assets folder, or an ignored one → nothing copied', async () => {
    expect(await copyAssets(project({ 'a.txt': '' }), join(dir as string, 'out'), createIgnoreRules())).toEqual([]);
    const root = project({ 'assets/a.txt': '' });
    expect(await copyAssets(root, join(root, 'out'), createIgnoreRules('assets/'))).toEqual([]);
  });
});
