import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CancelledError } from '../../errors/cli-error.js';
import { loadHooks, preferredProtocol } from './hooks.js';
import { HookError, hookCommandLine, parseBoundaryResponse, runHook, type ProjectHooks } from './run-hook.js';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

/** A project with `.slack/hooks.json` and executable scripts; SHELL is a fake sh that logs its use. */
function project(hooks: object, scripts: Record<string, string> = {}, extra: Record<string, string> = {}) {
  dir = mkdtempSync(join(tmpdir(), 'rosi-hooks-'));
  mkdirSync(join(dir, '.slack'));
  writeFileSync(join(dir, '.slack', 'hooks.json'), JSON.stringify(hooks));
  for (const [name, body] of Object.entries(scripts)) {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  }
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  const fakeSh = join(dir, 'fake-sh');
  writeFileSync(fakeSh, `#!/bin/sh\necho used >> "${join(dir, 'fake-sh.log')}"\nexec /bin/sh "$@"\n`);
  chmodSync(fakeSh, 0o755);
  const env = { PATH: process.env.PATH, SHELL: fakeSh };
  return { root: dir, env };
}

const BOUNDARY_SCRIPT = `for a in "$@"; do case $a in --boundary=*) b=\${a#--boundary=};; esac; done
echo "diagnostic before"
echo "\${b}{\\"ok\\":true}\${b}"
echo "diagnostic after"`;

describe('loadHooks', () => {
  it('reads .slack/hooks.json; default protocol unless config lists message-boundaries first', async () => {
    const { root, env } = project({ runtime: 'deno', hooks: { build: 'make' }, config: { 'protocol-version': ['message-boundaries', 'default'] } });
    const hooks = await loadHooks(root, { env });
    expect(hooks).toMatchObject({ root, file: join(root, '.slack', 'hooks.json'), runtime: 'deno', hooks: { build: 'make' }, protocol: 'message-boundaries' });
    expect(existsSync(join(root, 'fake-sh.log'))).toBe(false);
  });

  describe('a get-hooks that cannot run', () => {
    const REMOTE = 'deno-is-not-here run -q --allow-read --allow-net https://deno.land/x/deno_slack_hooks@1.3.0/mod.ts';

    it('one that loads the SDK’s hooks from the network: the project goes on with its file’s hooks, and is told why', async () => {
      const { root, env } = project({ runtime: 'deno', hooks: { 'get-hooks': REMOTE }, config: { 'protocol-version': ['message-boundaries'] } });
      const notices: unknown[] = [];
      const seen: string[] = [];
      const hooks = await loadHooks(root, { env, onOutput: (l) => seen.push(l), onHooksUnavailable: (n) => notices.push(n) });
      expect(hooks.hooks).toEqual({ 'get-hooks': REMOTE });
      expect(hooks.protocol).toBe('message-boundaries');
      expect(notices).toEqual([{ command: REMOTE, reason: "The 'get-hooks' hook exited with code 127" }]);
      // The shell's own words reach the user through the hook's output.
      expect(seen.join('\n')).toMatch(/deno-is-not-here/);
    });

    it('a local one that fails is the project’s error, as before', async () => {
      const { root, env } = project({ hooks: { 'get-hooks': './get-hooks.sh' } }, { 'get-hooks.sh': 'echo broken >&2; exit 3' });
      const notices: unknown[] = [];
      await expect(loadHooks(root, { env, onHooksUnavailable: (n) => notices.push(n) })).rejects.toMatchObject({
        code: 'sdk_hook_invocation_failed',
        hookExitCode: 3,
      });
      expect(notices).toEqual([]);
    });

    it('one that runs but answers nonsense is still an error', async () => {
      const { root, env } = project({ hooks: { 'get-hooks': 'echo not-json https://deno.land/x/deno_slack_hooks@1.3.0/mod.ts' } });
      await expect(loadHooks(root, { env })).rejects.toMatchObject({ code: 'invalid_hook_response' });
    });
  });

  it('runs get-hooks first and merges its answer underneath the file (file wins)', async () => {
    const answer = {
      runtime: 'deno',
      hooks: { 'get-manifest': 'sdk-manifest', build: 'sdk-build' },
      config: { 'protocol-version': ['message-boundaries'], watch: { 'filter-regex': '\\.ts$' } },
    };
    const { root, env } = project(
      { hooks: { 'get-hooks': './get-hooks.sh', build: 'file-build' }, config: { 'trigger-paths': ['triggers'] } },
      { 'get-hooks.sh': `echo 'noise on stderr' >&2\nprintf '%s\\n' '${JSON.stringify(answer)}'` },
    );
    const seen: string[] = [];
    const hooks = await loadHooks(root, { env, onOutput: (l, s) => seen.push(`${s}:${l}`) });
    expect(hooks.hooks).toEqual({ 'get-hooks': './get-hooks.sh', 'get-manifest': 'sdk-manifest', build: 'file-build' });
    expect(hooks.config).toEqual({ 'protocol-version': ['message-boundaries'], watch: { 'filter-regex': '\\.ts$' }, 'trigger-paths': ['triggers'] });
    expect(hooks.runtime).toBe('deno');
    expect(hooks.protocol).toBe('message-boundaries');
    expect(seen).toContain('stderr:noise on stderr');
  });

  it('a get-hooks answer that is not a hooks object is an error showing what it said', async () => {
    const { root, env } = project({ hooks: { 'get-hooks': './g.sh' } }, { 'g.sh': 'echo "Download failed"' });
    await expect(loadHooks(root, { env })).rejects.toMatchObject({ code: 'invalid_hook_response', details: ['Download failed'] });
  });

  it.each([
    { name: 'legacy slack.json', file: 'slack.json' },
    { name: 'legacy .slack/slack.json', file: '.slack/slack.json' },
  ])('$name is read', async ({ file }) => {
    dir = mkdtempSync(join(tmpdir(), 'rosi-hooks-'));
    mkdirSync(join(dir, '.slack'));
    writeFileSync(join(dir, file), JSON.stringify({ hooks: { build: 'x' } }));
    expect((await loadHooks(dir, { env: {} })).file).toBe(join(dir, file));
  });

  it.each([
    { name: 'invalid JSON', text: '{"hooks": ', want: /is damaged: it is not valid JSON/ },
    { name: 'a hook that is not a string', text: '{"hooks": {"build": 1}}', want: /is damaged: hooks\.build/ },
  ])('$name → project_config_corrupt (exit 2) naming the file', async ({ text, want }) => {
    const { root, env } = project({});
    writeFileSync(join(root, '.slack', 'hooks.json'), text);
    const error = await loadHooks(root, { env }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'project_config_corrupt', exitCode: 2 });
    expect((error as Error).message).toContain(join(root, '.slack', 'hooks.json'));
    expect((error as Error).message).toMatch(want);
  });

  it('no hooks file → invalid_app_directory', async () => {
    dir = mkdtempSync(join(tmpdir(), 'rosi-hooks-'));
    await expect(loadHooks(dir, { env: {} })).rejects.toMatchObject({ code: 'invalid_app_directory' });
  });
});

describe('runHook', () => {
  async function hooksOf(root: string, env: Record<string, string | undefined>): Promise<ProjectHooks> {
    return loadHooks(root, { env });
  }

  it('message-boundaries: only text between the markers is the answer; the rest is reported', async () => {
    const { root, env } = project({ hooks: { 'get-manifest': './m.sh' }, config: { 'protocol-version': ['message-boundaries'] } }, { 'm.sh': BOUNDARY_SCRIPT });
    const seen: string[] = [];
    const result = await runHook('get-manifest', { hooks: await hooksOf(root, env), env, onOutput: (l, s) => seen.push(`${s}:${l}`) });
    expect(result.response).toBe('{"ok":true}');
    expect(seen).toEqual(['stdout:diagnostic before', 'stdout:diagnostic after']);
  });

  it('default protocol: all of stdout, trimmed, is the answer', async () => {
    const { root, env } = project({ hooks: { 'get-manifest': './m.sh' } }, { 'm.sh': 'echo\necho "  {\\"a\\":1}  "\necho' });
    expect((await runHook('get-manifest', { hooks: await hooksOf(root, env), env })).response).toBe('{"a":1}');
  });

  it('runs through $SHELL in the project folder, args as --key="value" kept literal', async () => {
    const { root, env } = project({ hooks: { build: './b.sh first' } }, { 'b.sh': 'pwd\nfor a in "$@"; do echo "$a"; done' });
    const source = '/a b/$HOME"quoted"`x`\\';
    const { response } = await runHook('build', { hooks: await hooksOf(root, env), env, args: { source, output: '/out' } });
    expect(response.split('\n')).toEqual([realpathSync(root), 'first', `--source=${source}`, '--output=/out']);
    expect(readFileSync(join(root, 'fake-sh.log'), 'utf8')).toBe('used\n');
  });

  it('env: given vars, then the project .env, then the CLI env (later wins)', async () => {
    const { root, env } = project(
      { hooks: { 'get-manifest': './e.sh' } },
      { 'e.sh': 'echo "$ONLY_VARS/$VARS_AND_DOTENV/$ALL_THREE/$ONLY_DOTENV"' },
      { '.env': 'VARS_AND_DOTENV=dotenv\nALL_THREE=dotenv\nONLY_DOTENV="quoted value"\n' },
    );
    const vars = { ONLY_VARS: 'vars', VARS_AND_DOTENV: 'vars', ALL_THREE: 'vars' };
    const cli = { ...env, ALL_THREE: 'cli' };
    const { response } = await runHook('get-manifest', { hooks: await hooksOf(root, cli), env: cli, vars });
    expect(response).toBe('vars/dotenv/cli/quoted value');
  });

  it('a failing hook → HookError with its exit code and the last 20 stderr lines, streamed as it ran', async () => {
    const { root, env } = project(
      { hooks: { build: './fail.sh' } },
      { 'fail.sh': 'i=1; while [ $i -le 30 ]; do echo "line $i" >&2; i=$((i+1)); done; exit 3' },
    );
    const streamed: string[] = [];
    const error = await runHook('build', { hooks: await hooksOf(root, env), env, onOutput: (l) => streamed.push(l) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HookError);
    const e = error as HookError;
    expect(e).toMatchObject({
      code: 'sdk_hook_invocation_failed',
      exitCode: 1,
      hook: 'build',
      hookExitCode: 3,
      message: "The 'build' hook exited with code 3",
    });
    expect(e.stderrTail).toHaveLength(20);
    expect(e.stderrTail[0]).toBe('line 11');
    expect(e.details.at(-1)).toBe('line 30');
    expect(streamed).toHaveLength(30);
  });

  it('a timeout kills the whole process group', async () => {
    const { root, env } = project({ hooks: { build: './slow.sh' } }, { 'slow.sh': 'sleep 30 &\necho $! > bg.pid\necho started >&2\nwait' });
    const started = Date.now();
    const error = await runHook('build', { hooks: await hooksOf(root, env), env, timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'hook_timeout', stderrTail: ['started'] });
    expect(Date.now() - started).toBeLessThan(5000);
    const bg = Number(readFileSync(join(root, 'bg.pid'), 'utf8'));
    expect(alive(bg)).toBe(false);
  });

  it('abort stops the hook → CancelledError', async () => {
    const { root, env } = project({ hooks: { build: 'sleep 30' } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(runHook('build', { hooks: await hooksOf(root, env), env, signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
  });

  it('an unknown hook → sdk_hook_not_found', async () => {
    const { root, env } = project({ hooks: {} });
    await expect(runHook('build', { hooks: await hooksOf(root, env), env })).rejects.toMatchObject({ code: 'sdk_hook_not_found' });
  });
});

describe('parseBoundaryResponse', () => {
  it.each([
    { name: 'one pair', out: 'log\nBxyzB\nlog', want: 'xyz' },
    { name: 'answer over several lines', out: 'B{\n "a": 1\n}B\n', want: '{\n "a": 1\n}' },
    { name: 'several pairs are joined', out: 'B{"a":B noise B1}B', want: '{"a":1}' },
    { name: 'no marker', out: '{"a":1}', want: '' },
    { name: 'an unclosed marker', out: 'B{"a":1}', want: '' },
  ])('$name', ({ out, want }) => {
    expect(parseBoundaryResponse(out, 'B')).toBe(want);
  });
});

describe('hookCommandLine / preferredProtocol', () => {
  it('splits the command on whitespace and appends quoted args; protocol args stay bare', () => {
    expect(hookCommandLine('  deno   run  mod.ts ', { source: 'a"b', protocol: 'message-boundaries' }, true)).toBe(
      'deno run mod.ts --source="a\\"b" --protocol=message-boundaries',
    );
  });

  it.each([
    { config: undefined, want: 'default' },
    { config: { 'protocol-version': ['message-boundaries'] }, want: 'message-boundaries' },
    { config: { 'protocol-version': ['v9', 'default', 'message-boundaries'] }, want: 'default' },
    { config: { 'protocol-version': 'message-boundaries' }, want: 'default' },
  ])('$config → $want', ({ config, want }) => {
    expect(preferredProtocol(config)).toBe(want);
  });
});

/** Running, as opposed to gone or a zombie waiting for a parent that does not reap. */
function alive(pid: number): boolean {
  if (!existsSync('/proc/self')) {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}
