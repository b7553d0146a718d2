import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, baseEnv, ROOT, runRosi, sampleApp, tempHome, type RunResult } from '../helpers/e2e.js';
import { describeWith, itWith } from '../helpers/system-tools.js';

// `rosi emulator exec` as CI runs it: the built CLI in a temporary HOME, with a TMPDIR of its own, so
// every test can check that nothing it made (folders, processes) outlives it.

interface Sandbox {
  home: string;
  /** The run's TMPDIR: empty again once rosi has exited. */
  tmp: string;
}

const made: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of made.splice(0)) cleanup();
});

function sandbox(): Sandbox {
  const { home, cleanup } = tempHome();
  made.push(cleanup);
  const tmp = join(home, 'tmp');
  mkdirSync(tmp);
  return { home, tmp };
}

const exec = (s: Sandbox, args: string[], o: { cwd?: string; timeoutMs?: number } = {}): Promise<RunResult> =>
  runRosi(['emulator', 'exec', ...args], { home: s.home, cwd: o.cwd ?? s.home, env: { TMPDIR: s.tmp }, timeoutMs: o.timeoutMs ?? 60_000 });

/** A Node one-liner as the command after --. */
const node = (code: string) => ['--', process.execPath, '-e', code];

function expectNothingLeft(s: Sandbox, pids: number[] = []): void {
  expect(readdirSync(s.tmp), 'the temporary folders are removed').toEqual([]);
  for (const pid of pids) expect(running(pid), `process ${pid} is gone`).toBe(false);
}

/** Whether the process runs (a zombie waiting for its reaper does not). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true;
  }
}

describe('rosi emulator exec: the command’s exit code is rosi’s', () => {
  it.each([
    { name: 'success', code: 'process.exit(0)', want: 0 },
    { name: 'failure', code: 'process.exit(1)', want: 1 },
    { name: 'any other code', code: 'process.exit(42)', want: 42 },
    { name: 'SIGKILL → 137', code: "process.kill(process.pid, 'SIGKILL')", want: 137 },
  ])('$name', async ({ code, want }) => {
    const s = sandbox();
    const r = await exec(s, node(code));
    expect(r.code, r.stderr).toBe(want);
    expect(r.stdout).toBe('');
    expectNothingLeft(s);
  });

  it('a command that cannot be started exits 127 (not found) or 126 (not runnable), as a shell does, with no stack', async () => {
    const s = sandbox();
    const missing = await exec(s, ['--', 'rosi-no-such-command']);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toContain('Cannot run rosi-no-such-command: no such command (command_not_found)');
    const plain = join(s.home, 'notes.txt');
    writeFileSync(plain, 'not a program\n', { mode: 0o644 });
    const notRunnable = await exec(s, ['--', plain]);
    expect(notRunnable.code).toBe(126);
    expect(notRunnable.stderr).toContain('is not an executable program (command_not_executable)');
    for (const r of [missing, notRunnable]) expect(r.stderr).not.toMatch(/\n\s+at /);
    expectNothingLeft(s);
  });

  it.each([
    { name: 'no command', args: [] },
    { name: 'nothing after --', args: ['--'] },
    { name: 'no -- before the command', args: ['true'] },
  ])('$name is a usage error (exit 2) with an example, and starts nothing', async ({ args }) => {
    const s = sandbox();
    const r = await exec(s, args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('rosi emulator exec --deploy -- npm test');
    expectNothingLeft(s);
  });
});

describe('rosi emulator exec: the command’s environment', () => {
  it('points at the emulator, with a token, a private login as rosi login writes it, and the team; stdout is the command’s alone', async () => {
    const s = sandbox();
    const script = [
      "const fs = require('node:fs');",
      'const e = process.env;',
      "const file = e.SLACK_CONFIG_DIR + '/credentials.json';",
      'const creds = JSON.parse(fs.readFileSync(file, "utf8"));',
      'const login = creds[e.ROSI_TEAM_ID];',
      'console.log(JSON.stringify({',
      '  apihost: e.ROSI_APIHOST, api_url: e.SLACK_API_URL, config_dir: e.SLACK_CONFIG_DIR, team: e.ROSI_TEAM_ID,',
      '  app: e.ROSI_APP_ID ?? null, has_token: Boolean(e.ROSI_TOKEN), same_token: login.token === e.ROSI_TOKEN && e.SLACK_SERVICE_TOKEN === e.ROSI_TOKEN,',
      '  login: { ...login, token: undefined, last_updated: undefined }, teams: Object.keys(creds),',
      '  file_mode: fs.statSync(file).mode & 0o777, dir_mode: fs.statSync(e.SLACK_CONFIG_DIR).mode & 0o777, kept: e.KEPT_FROM_CALLER,',
      '}));',
    ].join('\n');
    const r = await runRosi(['emulator', 'exec', ...node(script)], { home: s.home, env: { TMPDIR: s.tmp, KEPT_FROM_CALLER: 'yes' } });
    expect(r.code, r.stderr).toBe(0);
    const seen = JSON.parse(r.stdout) as Record<string, unknown>;
    const apihost = seen.apihost as string;
    expect(apihost).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(seen).toMatchObject({ api_url: `${apihost}/api/`, app: null, has_token: true, same_token: true, kept: 'yes', file_mode: 0o600, dir_mode: 0o700 });
    expect(seen.team).toMatch(/^T[A-Z0-9]{8,}$/);
    expect(seen.teams).toEqual([seen.team]);
    expect(seen.login).toEqual({ team_domain: 'emulator', team_id: seen.team, user_id: 'U0EMULATOR', api_host: apihost });
    expect((seen.config_dir as string).startsWith(s.tmp)).toBe(true);
    // rosi's own line is for a terminal or --verbose only.
    expect(r.stderr).not.toContain('Emulator at');
    expectNothingLeft(s);
  });

  it('rosi commands run by the command need no flags; --verbose says which emulator it runs against, on stderr', async () => {
    const s = sandbox();
    const r = await exec(s, ['--verbose', '--', process.execPath, BIN, 'auth', 'list', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const logins = JSON.parse(r.stdout) as { team_id: string; api_host: string }[];
    expect(logins).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`Emulator at ${logins[0]?.api_host} \\(team ${logins[0]?.team_id}\\); running `));
    expectNothingLeft(s);
  });
});

/** rosi emulator exec running, its output collected as it comes. */
function startExec(s: Sandbox, args: string[], cwd = s.home) {
  const child = spawn(process.execPath, [BIN, 'emulator', 'exec', ...args], {
    cwd,
    env: baseEnv(s.home, { TMPDIR: s.tmp }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    stdout: () => out,
    stderr: () => err,
    exit,
    signal: (sig: NodeJS.Signals) => child.kill(sig),
    /** Resolves with the first stdout line matching `re`. */
    line: async (re: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const m = out.match(re);
        if (m) return m;
        if (Date.now() > deadline) throw new Error(`no line ${re} on stdout: ${out}\nstderr: ${err}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}

/** A long command that starts a process of its own, prints both pids, and says which signal reached it. */
const LONG_COMMAND = (handled: string) =>
  [
    "const { spawn } = require('node:child_process');",
    "const helper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });",
    `for (const sig of [${handled}]) process.on(sig, () => { console.log('got ' + sig); process.removeAllListeners(sig); process.kill(process.pid, sig); });`,
    "console.log('pids ' + process.pid + ' ' + helper.pid);",
    'setInterval(() => {}, 1000);',
  ].join('\n');

describe('rosi emulator exec: interrupts', () => {
  it.each([
    { sig: 'SIGINT' as const, want: 130 },
    { sig: 'SIGTERM' as const, want: 143 },
    { sig: 'SIGHUP' as const, want: 129 },
  ])('$sig to rosi reaches the command, rosi exits $want, and no process or folder is left', async ({ sig, want }) => {
    const s = sandbox();
    const run = startExec(s, node(LONG_COMMAND(`'${sig}'`)));
    const [, pid, helper] = (await run.line(/pids (\d+) (\d+)/)) as [string, string, string];
    run.signal(sig);
    expect(await run.exit, run.stderr()).toBe(want);
    expect(run.stdout()).toContain(`got ${sig}`);
    expectNothingLeft(s, [Number(pid), Number(helper)]);
  });

  it('a command that ignores the signal is killed after the grace period (137), and still nothing is left', async () => {
    const s = sandbox();
    const run = startExec(s, node(`process.on('SIGTERM', () => console.log('ignored')); ${LONG_COMMAND('')}`));
    const [, pid, helper] = (await run.line(/pids (\d+) (\d+)/)) as [string, string, string];
    const sent = Date.now();
    run.signal('SIGTERM');
    expect(await run.exit, run.stderr()).toBe(137);
    expect(Date.now() - sent).toBeGreaterThanOrEqual(4500);
    expect(run.stdout()).toContain('ignored');
    expectNothingLeft(s, [Number(pid), Number(helper)]);
  }, 30_000);

  it('processes the command leaves running when it ends are stopped with it', async () => {
    const s = sandbox();
    const code = [
      "const { spawn } = require('node:child_process');",
      "const helper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });",
      'helper.unref();',
      "console.log('helper ' + helper.pid);",
    ].join('\n');
    const r = await exec(s, node(code));
    expect(r.code, r.stderr).toBe(0);
    const helper = Number(/helper (\d+)/.exec(r.stdout)?.[1]);
    expectNothingLeft(s, [helper]);
  });
});

describe('rosi emulator exec --deploy', () => {
  const WEB_API = join(ROOT, 'node_modules', '@slack', 'web-api', 'dist', 'index.js');

  it('deploys the project, then a script puts and gets an item of the app’s datastore with @slack/web-api; the project’s files stay as they were', async () => {
    const s = sandbox();
    const app = sampleApp(s.home, 'hello');
    const before = readdirSync(join(app, '.slack')).sort();
    writeFileSync(
      join(app, 'put-and-get.mjs'),
      [
        `import { WebClient } from ${JSON.stringify(WEB_API)};`,
        'const web = new WebClient(process.env.ROSI_TOKEN, { slackApiUrl: process.env.SLACK_API_URL, retryConfig: { retries: 0 } });',
        'const app_id = process.env.ROSI_APP_ID;',
        "await web.apiCall('apps.datastore.put', { app_id, datastore: 'tasks', item: { id: 't1', title: 'Write the tests', owner: 'U0EMULATOR', done: false } });",
        "const got = await web.apiCall('apps.datastore.get', { app_id, datastore: 'tasks', id: 't1' });",
        'console.log(JSON.stringify({ app_id, item: got.item }));',
      ].join('\n'),
    );
    const r = await exec(s, ['--deploy', '--', process.execPath, 'put-and-get.mjs'], { cwd: app });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { app_id: string; item: unknown };
    expect(out.app_id).toMatch(/^A[A-Z0-9]+$/);
    expect(out.item).toEqual({ id: 't1', title: 'Write the tests', owner: 'U0EMULATOR', done: false });
    // The deploy's talk (its result too) is on stderr.
    expect(r.stderr).toContain(`Created and deployed Hello Rosi (${out.app_id})`);
    expect(readdirSync(join(app, '.slack')).sort()).toEqual(before);
    expectNothingLeft(s);
  });

  it('a rosi command run by the command finds the app with no flags', async () => {
    const s = sandbox();
    const app = sampleApp(s.home, 'hello');
    const r = await exec(s, ['--deploy', '--', process.execPath, BIN, 'datastore', 'query', '--datastore', 'tasks', '--json'], { cwd: app });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ datastore: 'tasks', items: [] });
    expect(existsSync(join(app, '.slack', 'apps.json'))).toBe(false);
    expectNothingLeft(s);
  });

  it('a failed deploy stops before the command (exit 1), its own error shown', async () => {
    const s = sandbox();
    const app = sampleApp(s.home, 'broken');
    writeFileSync(join(app, 'functions', 'greet.ts'), 'export default (;\n');
    const marker = join(s.home, 'ran');
    const r = await exec(s, ['--deploy', ...node(`require('node:fs').writeFileSync(${JSON.stringify(marker)}, '')`)], { cwd: app });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/greet\.ts/);
    expect(r.stderr).toContain('(deploy_failed)');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(marker)).toBe(false);
    expectNothingLeft(s);
  });

  it('outside a project is a usage error (exit 2) before any emulator starts', async () => {
    const s = sandbox();
    const r = await exec(s, ['--deploy', '--', 'true']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('(invalid_app_directory)');
    expectNothingLeft(s);
  });
});

describe('rosi emulator exec --data-dir', () => {
  it('keeps the emulator’s state in the folder named, and removes only its own temporary folder', async () => {
    const s = sandbox();
    const kept = mkdtempSync(join(tmpdir(), 'rosi-exec-kept-'));
    made.push(() => rmSync(kept, { recursive: true, force: true }));
    const r = await exec(s, ['--data-dir', kept, '--', 'true']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(kept).length).toBeGreaterThan(0);
    expect(statSync(kept).isDirectory()).toBe(true);
    expectNothingLeft(s);
  });
});

/** The processes whose command line mentions `text` (Linux: /proc). */
function processesMentioning(text: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text) && running(Number(pid));
      } catch {
        return false;
      }
    })
    .map(Number);
}

describeWith(['deno'], 'rosi emulator exec and the functions it runs', () => {
  it('SIGTERM while a deployed function runs in Deno: the command and the Deno process are gone, and so are the folders', async () => {
    const s = sandbox();
    const app = join(s.home, 'slow');
    mkdirSync(join(app, '.slack'), { recursive: true });
    mkdirSync(join(app, 'functions'));
    mkdirSync(join(app, 'triggers'));
    writeFileSync(join(app, '.slack', 'hooks.json'), JSON.stringify({ runtime: 'deno', hooks: {} }));
    const none = { properties: {}, required: [] };
    writeFileSync(
      join(app, 'manifest.json'),
      JSON.stringify({
        _metadata: { major_version: 2 },
        display_information: { name: 'Slow' },
        settings: { function_runtime: 'slack' },
        outgoing_domains: [],
        functions: { slow: { title: 'slow', source_file: 'functions/slow.ts', input_parameters: none, output_parameters: none } },
        workflows: { slow: { title: 'slow', input_parameters: none, steps: [{ id: '0', function_id: '#/functions/slow', inputs: {} }] } },
      }),
    );
    writeFileSync(
      join(app, 'functions', 'slow.ts'),
      'export default async () => { await new Promise((r) => setTimeout(r, 600_000)); return { outputs: {} }; };\n',
    );
    writeFileSync(join(app, 'triggers', 'slow.json'), JSON.stringify({ type: 'webhook', name: 'Run slow', workflow: '#/workflows/slow', inputs: {} }));
    writeFileSync(
      join(app, 'fire.mjs'),
      [
        "import { execFileSync } from 'node:child_process';",
        `const made = JSON.parse(execFileSync(process.execPath, [${JSON.stringify(BIN)}, 'trigger', 'create', '--trigger-def', 'triggers/slow.json', '--json'], { encoding: 'utf8' }));`,
        "const res = await fetch(made.webhook_url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });",
        "console.log('fired ' + res.status);",
        'setInterval(() => {}, 1000);',
      ].join('\n'),
    );
    const run = startExec(s, ['--deploy', '--', process.execPath, 'fire.mjs'], app);
    await run.line(/fired 200/, 60_000);
    let deno: number[] = [];
    for (const deadline = Date.now() + 20_000; !deno.length && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 100));
      deno = processesMentioning(s.tmp).filter((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('deno'));
    }
    expect(deno.length, 'a Deno process runs the function').toBeGreaterThan(0);
    run.signal('SIGTERM');
    expect(await run.exit, run.stderr()).toBe(143);
    expectNothingLeft(s, deno);
    expect(processesMentioning(s.tmp)).toEqual([]);
  }, 120_000);
});

itWith(['script'], 'on a terminal: rosi says which emulator it runs, the command has the terminal, and Ctrl-C ends both (130)', async () => {
  const s = sandbox();
  const code = "console.log('tty ' + process.stdin.isTTY + ' ' + process.stdout.isTTY); setInterval(() => {}, 1000);";
  const line = [process.execPath, BIN, 'emulator', 'exec', '--', process.execPath, '-e', JSON.stringify(code)].join(' ');
  const child = spawn('script', ['-qfec', line, '/dev/null'], { env: baseEnv(s.home, { CI: undefined, TERM: 'xterm', TMPDIR: s.tmp }), cwd: s.home });
  let screen = '';
  child.stdout.on('data', (d: Buffer) => (screen += d.toString()));
  for (let i = 0; i < 400 && !/tty true true/.test(screen); i++) await new Promise((r) => setTimeout(r, 50));
  expect(screen).toMatch(/Emulator at http:\/\/127\.0\.0\.1:\d+ \(team T[A-Z0-9]+\); running /);
  expect(screen).toContain('tty true true');
  child.stdin.write('\x03');
  const exit = await new Promise<number | null>((r) => child.on('exit', r));
  expect(exit, screen).toBe(130);
  expectNothingLeft(s);
});
