import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseEnv, BIN, control, sampleApp, type EmulatorHandle } from '../helpers/e2e.js';
import { unzipBuffer } from '../helpers/unzip.js';
import { useLoggedInEmulator } from './login-helpers.js';

let emu: EmulatorHandle;
let home: string;
useLoggedInEmulator((s) => ({ emu, home } = s));

/** `rosi deploy --watch` running in `cwd`; waits on what it prints. */
function watching(cwd: string, args: string[] = []) {
  const child = spawn(process.execPath, [BIN, 'deploy', '--watch', ...args], { cwd, env: baseEnv(home), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of waiters) w();
  };
  child.stdout.on('data', (d: Buffer) => ((out += d.toString()), wake()));
  child.stderr.on('data', (d: Buffer) => ((err += d.toString()), wake()));
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  /** Resolves once stderr has matched `pattern` `times` times in all. */
  const until = (pattern: RegExp, times = 1, timeoutMs = 30_000) =>
    new Promise<void>((resolve, reject) => {
      const count = () => err.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
      const check = () => {
        if (count() < times) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`expected ${times} × ${pattern} on stderr; got:\n${err}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return { pid: child.pid!, stdout: () => out, stderr: () => err, until, exit, interrupt: () => child.kill('SIGINT') };
}

const redeployed = /✓ redeployed Hello Rosi \(A\w+\) in \d+\.\d s/;
const failed = /✗ redeploy failed after \d+\.\d s: .+\n {2}.+\(\w+\)/;

async function deployedGreet(appId: string): Promise<string> {
  const uploads = await control<{ key: string }[]>(emu, `uploads?app_id=${appId}`);
  const res = await fetch(`${emu.url}/__emulator/uploads/raw?key=${encodeURIComponent(uploads.at(-1)!.key)}`);
  const entries = await unzipBuffer(Buffer.from(await res.arrayBuffer()));
  return entries.get('functions/greet.js')!.data.toString('utf8');
}

/** Processes (other than this test's) whose working folder is inside `dir`: a build hook or esbuild left behind. */
function processesIn(dir: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readlinkSync(`/proc/${pid}/cwd`).startsWith(dir)) found.push(pid);
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

describe('rosi deploy --watch against the emulator', () => {
  it('redeploys a changed function, reports a broken build and keeps watching, ignores ignored files, and stops on Ctrl-C with 130', async () => {
    const app = sampleApp(home, 'watched');
    const w = watching(app, ['--json']);
    await w.until(/Watching .* for changes/);
    const first = JSON.parse(w.stdout().trim()) as { app_id: string; created: boolean; changed: string[] };
    expect(first).toMatchObject({ created: true, changed: [] });
    const appId = first.app_id;
    expect(w.stderr()).toContain('Creating app Hello Rosi');

    const greet = join(app, 'functions', 'greet.ts');
    const source = readFileSync(greet, 'utf8');
    writeFileSync(greet, source.replace('|| "Hello"', '|| "Howdy"'));
    await w.until(redeployed);
    expect(w.stderr()).toMatch(/\d\d:\d\d:\d\d ✓ redeployed Hello Rosi \(A\w+\) in \d+\.\d s: functions\/greet\.ts changed/);
    expect(await deployedGreet(appId)).toContain('Howdy');
    const versions = async () => (await control<{ version: number }[]>(emu, `deployments?app_id=${appId}`)).map((d) => d.version);
    expect(await versions()).toEqual([1, 2]);

    writeFileSync(greet, `${source}\nexport const broken = ;\n`);
    await w.until(failed);
    expect(w.stderr()).toMatch(/✗ redeploy failed after \d+\.\d s: functions\/greet\.ts changed\n {2}.+\((build_failed|\w+)\)/);
    expect(w.stderr()).not.toMatch(/\n\s+at /);
    expect(await versions()).toEqual([1, 2]);

    writeFileSync(greet, source.replace('|| "Hello"', '|| "Hiya"'));
    await w.until(redeployed, 2);
    expect(await deployedGreet(appId)).toContain('Hiya');
    expect(await versions()).toEqual([1, 2, 3]);

    // Ignored: a swap file, .env, the project's own files, dist/. None may lead to a redeploy.
    writeFileSync(join(app, 'functions', '.greet.ts.swp'), 'swap');
    writeFileSync(join(app, '.env'), 'SECRET=changed\n');
    writeFileSync(join(app, '.slack', 'notes.txt'), 'x');
    await new Promise((r) => setTimeout(r, 1500));
    expect(w.stderr().match(new RegExp(redeployed.source, 'g'))).toHaveLength(2);
    expect(w.stderr().match(new RegExp(failed.source, 'g'))).toHaveLength(1);

    // --json: one JSON line per deploy; a failure is an error line.
    const lines = w
      .stdout()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { app_id?: string; error?: { code: string }; changed: string[] });
    expect(lines.map((l) => (l.error ? 'error' : 'ok'))).toEqual(['ok', 'ok', 'error', 'ok']);
    expect(lines[1]).toMatchObject({ app_id: appId, created: false, changed: ['functions/greet.ts'] });

    w.interrupt();

    expect(await w.exit).toBe(130);
    expect(processesIn(app)).toEqual([]);
    expect(w.stderr()).not.toMatch(/\n\s+at /);
  }, 90_000);

  it('human output: the result once on stdout; a manifest change redeploys, a broken manifest is an error line; Ctrl-C during a build hook leaves no process', async () => {
    const app = sampleApp(home, 'hooked-watch');
    // A build hook that hangs while hang.txt exists, so Ctrl-C lands mid-build.
    writeFileSync(join(app, '.slack', 'hooks.json'), JSON.stringify({ hooks: { build: 'node build.mjs' } }));
    writeFileSync(
      join(app, 'build.mjs'),
      [
        "import { existsSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';",
        "const out = process.argv.find((a) => a.startsWith('--output=')).slice(9).replace(/^\"|\"$/g, '');",
        "if (existsSync('hang.txt')) setInterval(() => {}, 1000);",
        'else {',
        "  mkdirSync(out + '/functions', { recursive: true });",
        "  const m = JSON.parse(readFileSync('manifest.json', 'utf8'));",
        '  for (const f of Object.values(m.functions ?? {})) delete f.source_file;',
        "  writeFileSync(out + '/manifest.json', JSON.stringify(m));",
        "  for (const id of Object.keys(m.functions ?? {})) writeFileSync(out + '/functions/' + id + '.js', 'export default () => ({ outputs: {} });');",
        '}',
      ].join('\n'),
    );
    const manifest = {
      display_information: { name: 'Hello Rosi' },
      settings: { function_runtime: 'slack' },
      functions: { hi: { title: 'Hi', source_file: 'hi.ts', input_parameters: { properties: {} }, output_parameters: { properties: {} } } },
    };
    writeFileSync(join(app, 'manifest.json'), JSON.stringify(manifest));
    const w = watching(app, ['--hide-triggers']);
    await w.until(/Watching .* for changes/);
    expect(w.stdout()).toMatch(/^✓ Created and deployed Hello Rosi \(A\w+\)/);
    const stdoutAfterFirst = w.stdout();

    writeFileSync(join(app, 'manifest.json'), JSON.stringify({ ...manifest, display_information: { name: 'Hello Rosi', description: 'watched' } }));
    await w.until(redeployed);
    expect(w.stderr()).toMatch(/redeployed Hello Rosi \(A\w+\) in \d+\.\d s: manifest\.json changed/);

    writeFileSync(join(app, 'manifest.json'), '{ "display_information": ');
    await w.until(failed);
    expect(w.stderr()).not.toMatch(/\n\s+at /);
    // Redeploys say their line on stderr; stdout holds the first result only.
    expect(w.stdout()).toBe(stdoutAfterFirst);

    writeFileSync(join(app, 'hang.txt'), 'x');
    writeFileSync(join(app, 'manifest.json'), JSON.stringify(manifest));
    // The hook is running (and hanging) once a process works in the project folder.
    for (let i = 0; i < 100 && processesIn(app).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(processesIn(app).length).toBeGreaterThan(0);
    w.interrupt();
    expect(await w.exit).toBe(130);
    expect(processesIn(app)).toEqual([]);
  }, 90_000);
});
