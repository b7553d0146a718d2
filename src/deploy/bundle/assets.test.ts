import { mkdirSync, mkdtempSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyAssets } from './assets.js';
import { createIgnoreRules } from './ignore.js';

let base: string;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'rosi-assets-test-'));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

describe('copyAssets', () => {
  it('links (or copies) files, skips ignored ones, recreates links as absolute ones', async () => {
    const root = join(base, 'project');
    mkdirSync(join(root, 'assets', 'img'), { recursive: true });
    writeFileSync(join(root, 'assets', 'img', 'icon.png'), 'png');
    writeFileSync(join(root, 'assets', 'notes.swp'), 'swap');
    writeFileSync(join(root, 'assets', '.env'), 'SECRET=1');
    symlinkSync('img/icon.png', join(root, 'assets', 'alias.png'));
    const out = join(base, 'out');

    const copied = await copyAssets(root, out, createIgnoreRules());

    expect(copied).toEqual(['assets/alias.png', 'assets/img/icon.png']);
    expect(readFileSync(join(out, 'assets', 'img', 'icon.png'), 'utf8')).toBe('png');
    // Same file system here, so a hard link: nothing was copied.
    expect(statSync(join(out, 'assets', 'img', 'icon.png')).ino).toBe(statSync(join(root, 'assets', 'img', 'icon.png')).ino);
    expect(readlinkSync(join(out, 'assets', 'alias.png'))).toBe(realpathSync(join(root, 'assets', 'img', 'icon.png')));
  });

  it('no assets/ folder → nothing', async () => {
    mkdirSync(join(base, 'project'));
    expect(await copyAssets(join(base, 'project'), join(base, 'out'), createIgnoreRules())).toEqual([]);
  });
});
