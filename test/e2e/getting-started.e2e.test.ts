import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv, ROOT, runRosi, tempHome } from '../helpers/e2e.js';

let home: string;
let cleanup: () => void;

beforeAll(() => ({ home, cleanup } = tempHome()));
afterAll(() => cleanup());

describe('getting rosi on PATH, as the README says', () => {
  it('`npm link` in the checkout makes a bare `rosi` work from any folder', () => {
    const prefix = join(home, 'npm-prefix');
    // npm's global folder, cache and config all live in the temp HOME: nothing outside it changes.
    const npmEnv = baseEnv(home, { NPM_CONFIG_PREFIX: prefix, npm_config_cache: join(home, 'npm-cache'), NPM_CONFIG_UPDATE_NOTIFIER: 'false' });
    const link = spawnSync('npm', ['link', '--offline', '--no-audit', '--no-fund'], { cwd: ROOT, env: npmEnv, encoding: 'utf8', timeout: 120_000 });
    expect(link.status, link.stderr).toBe(0);

    const elsewhere = join(home, 'somewhere-else');
    mkdirSync(elsewhere);
    const env = baseEnv(home, { PATH: `${join(prefix, 'bin')}:${process.env.PATH}` });
    const version = spawnSync('rosi', ['--version'], { cwd: elsewhere, env, encoding: 'utf8' });
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version).toMatchObject({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
    const list = spawnSync('rosi', ['auth', 'list', '--json'], { cwd: elsewhere, env, encoding: 'utf8' });
    expect(list).toMatchObject({ status: 0, stdout: '[]\n' });
  });
});

describe('rosi --help', () => {
  it('shows the emulator quick start, with commands that run as printed', async () => {
    const r = await runRosi(['--help'], { home });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'EXAMPLES\n' +
        '  # Quick start with no Slack workspace: run the platform’s API on this machine, then log in to it\n' +
        '  $ rosi emulator &\n' +
        '  $ rosi login --apihost http://127.0.0.1:5810\n',
    );
  });
});

describe('rosi emulator start --help', () => {
  it('points nowhere that does not exist: the --faults syntax is on its line and explained above it', async () => {
    const r = await runRosi(['emulator', 'start', '--help'], { home });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/see below/i);
    const flag = r.stdout.split('\n').find((l) => l.trimStart().startsWith('--faults'));
    expect(flag).toContain('[family:]kind[=arg][@share]');
    const explained = r.stdout.indexOf('--faults takes a comma-separated list');
    expect(explained).toBeGreaterThanOrEqual(0);
    expect(explained).toBeLessThan(r.stdout.indexOf('USAGE'));
  });

  it('rosi emulator --help says where that is', async () => {
    const r = await runRosi(['emulator', '--help'], { home });
    expect(r.code).toBe(0);
    expect(r.stdout.split('USAGE')[0]).toContain('`rosi emulator start --help` says what it serves, its test endpoints and --faults');
  });
});
