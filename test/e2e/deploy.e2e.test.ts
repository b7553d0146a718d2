import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { control, runRosi, sampleApp, tempHome, type EmulatorHandle } from '../helpers/e2e.js';
import { unzipBuffer } from '../helpers/unzip.js';
import { useLoggedInEmulator } from './login-helpers.js';

interface Upload {
  key: string;
  app_id: string;
  size: number;
  had_authorization_header: boolean;
  files: string[];
}

let emu: EmulatorHandle;
let home: string;
useLoggedInEmulator((s) => ({ emu, home } = s));

/** A project whose build hook writes a one-function package, then runs `extra` (JS lines that may write to `out`). */
function hookedApp(name: string, extra: string[]): string {
  const app = join(home, name);
  mkdirSync(join(app, '.slack'), { recursive: true });
  writeFileSync(join(app, '.slack', 'hooks.json'), JSON.stringify({ hooks: { build: 'node build.mjs' } }));
  writeFileSync(
    join(app, 'manifest.json'),
    JSON.stringify({
      display_information: { name: 'Hooked' },
      settings: { function_runtime: 'slack' },
      functions: { hi: { title: 'Hi', source_file: 'hi.ts', input_parameters: { properties: {} }, output_parameters: { properties: {} } } },
    }),
  );
  writeFileSync(
    join(app, 'build.mjs'),
    [
      "import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';",
      "const out = process.argv.find((a) => a.startsWith('--output=')).slice(9).replace(/^\"|\"$/g, '');",
      "mkdirSync(out + '/functions', { recursive: true });",
      "const m = JSON.parse(readFileSync('manifest.json', 'utf8')); delete m.functions.hi.source_file;",
      "writeFileSync(out + '/manifest.json', JSON.stringify(m));",
      "writeFileSync(out + '/functions/hi.js', 'export default () => ({ outputs: {} });');",
      ...extra,
    ].join('\n'),
  );
  return app;
}

const deploy = (cwd: string, args: string[] = [], env: Record<string, string> = {}) => runRosi(['deploy', ...args], { home, cwd, env, timeoutMs: 60_000 });
const uploads = (appId: string) => control<Upload[]>(emu, `uploads?app_id=${appId}`);
const SAMPLE_FILES = ['assets/icon.png', 'functions/daily_summary.js', 'functions/greet.js', 'manifest.json'];

describe('rosi deploy against the emulator', () => {
  it('first deploy creates the app and records it; the second updates it; the zip holds exactly the build output', async () => {
    const app = sampleApp(home, 'first');
    const first = await deploy(app, ['--json']);
    expect(first.code, first.stderr).toBe(0);
    const r1 = JSON.parse(first.stdout) as { app_id: string; created: boolean; file_count: number; dashboard_url: string; team_id: string };
    expect(r1).toMatchObject({ created: true, file_count: 4, team_id: emu.teamId, dashboard_url: `${emu.url}/apps/${r1.app_id}` });
    const apps = JSON.parse(readFileSync(join(app, '.slack', 'apps.json'), 'utf8'));
    expect(apps.apps[emu.teamId]).toMatchObject({ app_id: r1.app_id, team_id: emu.teamId, team_domain: 'emulator' });
    expect(first.stderr).toContain('Creating app Hello Rosi');

    const second = await deploy(app, ['--json']);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ app_id: r1.app_id, created: false });

    const stored = await uploads(r1.app_id);
    expect(stored).toHaveLength(2);
    for (const u of stored) {
      expect([...u.files].sort()).toEqual(SAMPLE_FILES);
      expect(u.had_authorization_header).toBe(false);
    }
    const deployments = await control<{ version: number }[]>(emu, `deployments?app_id=${r1.app_id}`);
    expect(deployments.map((d) => d.version)).toEqual([1, 2]);
  });

  it('the .env secret is provably absent from the uploaded bytes', async () => {
    const app = sampleApp(home, 'secret');
    const secret = readFileSync(join(app, '.env'), 'utf8').match(/SECRET=(\S+)/)![1]!;
    writeFileSync(join(app, 'assets', '.env.production'), `API_KEY=${secret}\n`);
    const r = await deploy(app, ['--json']);
    expect(r.code, r.stderr).toBe(0);
    const { app_id } = JSON.parse(r.stdout) as { app_id: string };
    const [u] = await uploads(app_id);
    const res = await fetch(`${emu.url}/__emulator/uploads/raw?key=${encodeURIComponent(u!.key)}`);
    const zip = Buffer.from(await res.arrayBuffer());
    const entries = await unzipBuffer(zip);
    expect([...entries.keys()].sort()).toEqual(SAMPLE_FILES);
    expect(zip.includes(secret)).toBe(false);
    for (const [name, entry] of entries) expect(entry.data.includes(secret), name).toBe(false);
  });

  it('--verbose shows the presigned POST with its security token, signature and policy redacted', async () => {
    const app = sampleApp(home, 'verbose');
    const r = await deploy(app, ['--verbose']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/generatePresignedPost/);
    for (const field of ['X-Amz-Security-Token', 'X-Amz-Signature', 'Policy']) {
      expect(r.stderr, field).toMatch(new RegExp(`"${field}":"\\[redacted\\]"`, 'i'));
      expect(r.stderr, field).not.toMatch(new RegExp(`"${field}":"(?!\\[redacted\\])`, 'i'));
    }
  });

  it('--dry-run packages and lists the files without calling the API', async () => {
    const app = sampleApp(home, 'dry');
    await control(emu, 'reset-calls', {});
    const r = await deploy(app, ['--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { dry_run: boolean; files: { name: string }[]; file_count: number };
    expect(out.dry_run).toBe(true);
    expect(out.files.map((f) => f.name).sort()).toEqual(SAMPLE_FILES);
    expect((await control<{ count: number }>(emu, 'calls')).count).toBe(0);
    expect(existsSync(join(app, '.slack', 'apps.json'))).toBe(false);
  });

  it('--max-size fails early, before any upload', async () => {
    const app = sampleApp(home, 'small');
    const r = await deploy(app, ['--max-size', '1KB']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('(bundle_too_large)');
    expect(r.stderr).toContain('1.00 KB');
  });

  it('an upload failure injected once is retried and the deploy succeeds', async () => {
    const app = sampleApp(home, 'flaky');
    await control(emu, 'uploads/fail', { count: 1, status: 503 });
    const r = await deploy(app, ['--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/ServiceUnavailable.*retrying/);
    const { app_id } = JSON.parse(r.stdout) as { app_id: string };
    expect(await uploads(app_id)).toHaveLength(1);
  });

  it('an expired presigned POST is renewed', async () => {
    const app = sampleApp(home, 'expired');
    await control(emu, 'presigns/expire-next', { count: 1 });
    const r = await deploy(app, ['--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('asking for a new one');
  });

  it('a symlink escaping the project is refused, naming the file', async () => {
    const app = sampleApp(home, 'escape');
    symlinkSync('/etc/passwd', join(app, 'assets', 'passwd'));
    const r = await deploy(app);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('(unsafe_bundle_file)');
    expect(r.stderr).toContain('passwd');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a build hook makes the package; the zip holds exactly what it wrote', async () => {
    const app = hookedApp('hooked', ["writeFileSync(out + '/extra.txt', 'made by the hook');"]);
    const r = await deploy(app, ['--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('running the build hook');
    const { app_id } = JSON.parse(r.stdout) as { app_id: string };
    const [u] = await uploads(app_id);
    expect([...u!.files].sort()).toEqual(['extra.txt', 'functions/hi.js', 'manifest.json']);
  });

  it('a build hook that writes .envrc, .env-local or .ENV is refused, naming each file, and nothing is uploaded', async () => {
    const app = hookedApp('hooked-env', [
      "writeFileSync(out + '/.envrc', 'export SECRET=1');",
      "writeFileSync(out + '/functions/.env-local', 'SECRET=1');",
      "writeFileSync(out + '/.ENV', 'SECRET=1');",
    ]);
    await control(emu, 'reset-calls', {});
    const r = await deploy(app);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('(unsafe_bundle_file)');
    for (const name of ['.envrc', 'functions/.env-local', '.ENV']) expect(r.stderr).toContain(`${name}: it is an environment file`);
    expect((await control<{ count: number }>(emu, 'calls?method=apps.hosted.generatePresignedPost')).count).toBe(0);
  });

  it('CI: --token and --app need no project file and write none', async () => {
    const app = sampleApp(home, 'ci-first');
    const first = await deploy(app, ['--json']);
    const { app_id } = JSON.parse(first.stdout) as { app_id: string };
    const token = JSON.parse(readFileSync(join(home, '.slack', 'credentials.json'), 'utf8'))[emu.teamId].token as string;
    const ci = sampleApp(home, 'ci-checkout');
    const runner = tempHome();
    const r = await runRosi(['deploy', '--app', app_id, '--json'], {
      home: runner.home,
      cwd: ci,
      env: { ROSI_TOKEN: token, ROSI_APIHOST: emu.url },
      timeoutMs: 60_000,
    });
    runner.cleanup();
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ app_id, created: false });
    expect(existsSync(join(ci, '.slack', 'apps.json'))).toBe(false);
  });

  it('outside a project: a clear usage error', async () => {
    const r = await deploy(home);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not inside a Slack project');
  });
});
