import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/e2e.js';

// The emulator bundle's code cache (bin/load-emulator.cjs). A Node other than the one that built rosi finds no
// build cache for itself; a copy of the build without the caches stands for that Node here.
describe('the emulator’s code cache for a Node the build did not make one for', () => {
  let dir: string;
  let cache: string;
  const env = () => ({ PATH: process.env.PATH, HOME: join(dir, 'home'), XDG_CACHE_HOME: cache, NO_COLOR: '1', CI: '1' });

  /** `rosi emulator --port 0 --ephemeral` until it listens, then stopped as Ctrl-C would: its stderr and exit code. */
  const launch = () =>
    new Promise<{ code: number | null; stderr: string; answered: boolean }>((resolve, reject) => {
      const child = spawn(process.execPath, [join(dir, 'bin', 'rosi.js'), 'emulator', '--port', '0', '--ephemeral'], {
        env: env(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      let answered = false;
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      createInterface({ input: child.stdout }).once('line', (url) => {
        fetch(`${url}/api/api.test`, { method: 'POST' })
          // A Slack-shaped answer (api.test is not one of its methods: ok false, unknown_method).
          .then(async (res) => (answered = typeof ((await res.json()) as { ok?: unknown }).ok === 'boolean'))
          .finally(() => child.kill('SIGTERM'))
          .catch(reject);
      });
      child.once('exit', (code) => resolve({ code, stderr, answered }));
    });
  const cacheFiles = () => {
    try {
      return readdirSync(join(cache, 'rosi')).filter((f) => f.startsWith('emulator.cjs.'));
    } catch {
      return [];
    }
  };
  /** Which cache a launch is served ('build', 'user' or undefined) and whether V8 rejected it. */
  const served = () => spawnSync(process.execPath, [join(dir, 'scripts', 'warm-emulator-cache.cjs'), '--check'], { env: env(), encoding: 'utf8' }).stdout;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rosi-emulator-cache-'));
    cache = join(dir, 'cache');
    cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
    cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true, filter: (f) => !f.endsWith('.cache') });
    cpSync(join(ROOT, 'scripts', 'warm-emulator-cache.cjs'), join(dir, 'scripts', 'warm-emulator-cache.cjs'));
    cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    mkdirSync(join(dir, 'home'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is made as the first emulator stops, private to the user, and served to the next launch, which V8 accepts', async () => {
    const first = await launch();
    expect(first.answered).toBe(true);
    const [file] = cacheFiles();
    expect(file).toMatch(/^emulator\.cjs\.\d+\.\d+-\d+\.cache$/);
    expect(statSync(join(cache, 'rosi', file!)).mode & 0o777).toBe(0o600);
    expect(statSync(join(cache, 'rosi')).mode & 0o777).toBe(0o700);
    expect(served()).toBe('user false');
    // Later launches use it and leave it alone.
    const before = statSync(join(cache, 'rosi', file!)).mtimeMs;
    expect((await launch()).answered).toBe(true);
    expect(statSync(join(cache, 'rosi', file!)).mtimeMs).toBe(before);
  });

  it('is never taken for another build of rosi: a changed bundle gets a new cache and the old one goes', async () => {
    await launch();
    const [old] = cacheFiles();
    const bundle = join(dir, 'dist', 'emulator.cjs');
    const later = new Date(statSync(bundle).mtimeMs + 60_000);
    utimesSync(bundle, later, later);
    await launch();
    const files = cacheFiles();
    expect(files).toHaveLength(1);
    expect(files[0]).not.toBe(old);
    expect(served()).toBe('user false');
  });

  it('a corrupt cache is rejected by V8 and replaced, with the emulator unharmed', async () => {
    await launch();
    const [file] = cacheFiles();
    writeFileSync(join(cache, 'rosi', file!), 'not a code cache');
    const r = await launch();
    expect(r.answered).toBe(true);
    expect(r.stderr).toContain('Emulator stopped.');
    expect(served()).toBe('user false');
  });

  it('a cache folder that cannot be written costs nothing but speed', async () => {
    writeFileSync(cache, 'a file where the cache folder would be');
    const r = await launch();
    expect(r.answered).toBe(true);
    expect(r.stderr).toContain('Emulator stopped.');
    expect(r.stderr).not.toMatch(/ENOTDIR|EEXIST|cache/i);
  });
});
