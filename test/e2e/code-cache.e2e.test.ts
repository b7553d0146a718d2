import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/e2e.js';

// A Node other than the one that built rosi finds no build cache for itself; a copy of the
// build without it stands for that Node here.
describe('the code cache for a Node the build did not make one for', () => {
  let dir: string;
  let cache: string;
  const rosi = (...args: string[]) =>
    spawnSync(process.execPath, [join(dir, 'bin', 'rosi.js'), ...args], {
      env: { PATH: process.env.PATH, HOME: join(dir, 'home'), XDG_CACHE_HOME: cache, NO_COLOR: '1', CI: '1' },
      encoding: 'utf8',
    });
  const cacheFiles = () => {
    try {
      return readdirSync(join(cache, 'rosi'));
    } catch {
      return [];
    }
  };
  const mainCaches = () => cacheFiles().filter((f) => f.startsWith('main.cjs.'));
  const rejected = () => {
    const probe = `process.stdout.write(String(require(${JSON.stringify(join(dir, 'bin', 'load-bundle.cjs'))}).loadBundle(${JSON.stringify(join(dir, 'dist'))}).script.cachedDataRejected))`;
    return spawnSync(process.execPath, ['-e', probe], { env: { PATH: process.env.PATH, HOME: join(dir, 'home'), XDG_CACHE_HOME: cache }, encoding: 'utf8' })
      .stdout;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rosi-cache-'));
    cache = join(dir, 'cache');
    cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
    cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true, filter: (f) => !f.endsWith('.cache') });
    cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    mkdirSync(join(dir, 'home'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is made by the first run, private to the user, and accepted by V8 from then on', () => {
    expect(rejected()).toBe('undefined'); // no cache at all yet
    const first = rosi('--help');
    expect(first.status).toBe(0);
    const [file] = mainCaches();
    expect(file).toMatch(new RegExp(`^main\\.cjs\\.${process.version.replace(/\./g, '\\.')}-${process.arch}\\.\\d+-\\d+\\.cache$`));
    // The CLI's other files that the first run's warm-up loaded (bin/load-bundle.cjs) get theirs too.
    expect(cacheFiles()).toContainEqual(expect.stringMatching(/^core\.cjs\..+\.cache$/));
    for (const f of cacheFiles()) expect(statSync(join(cache, 'rosi', f)).mode & 0o777).toBe(0o600);
    expect(statSync(join(cache, 'rosi')).mode & 0o777).toBe(0o700);
    expect(rejected()).toBe('false');
    // Later runs use it and leave it alone.
    const before = statSync(join(cache, 'rosi', file!)).mtimeMs;
    expect(rosi('auth', 'list').status).toBe(0);
    expect(statSync(join(cache, 'rosi', file!)).mtimeMs).toBe(before);
  });

  it('is never taken for another build of rosi: a changed bundle gets a new cache and the old one goes', () => {
    rosi('--help');
    const [old] = mainCaches();
    const others = cacheFiles().filter((f) => f !== old);
    const bundle = join(dir, 'dist', 'main.cjs');
    const later = new Date(statSync(bundle).mtimeMs + 60_000);
    utimesSync(bundle, later, later);
    rosi('--help');
    const files = mainCaches();
    expect(files).toHaveLength(1);
    expect(files[0]).not.toBe(old);
    // The files that did not change keep theirs.
    expect(cacheFiles().filter((f) => !f.startsWith('main.cjs.'))).toEqual(others);
    expect(rejected()).toBe('false');
  });

  it('a corrupt cache is rejected by V8 and replaced, with the command unharmed', () => {
    rosi('--help');
    const [file] = mainCaches();
    writeFileSync(join(cache, 'rosi', file!), 'not a code cache');
    const r = rosi('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('USAGE');
    expect(rejected()).toBe('false');
  });

  it('is not made by a command that changes V8 flags (V8 would reject it at every normal start)', () => {
    const r = rosi('datastore', 'count', '--datastore', 'tasks', '--app', 'A0123456789');
    expect(r.status).not.toBe(0);
    expect(cacheFiles()).toEqual([]);
  });

  it('a cache folder that cannot be written costs nothing but speed', () => {
    writeFileSync(cache, 'a file where the cache folder would be');
    const r = rosi('--help');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});
