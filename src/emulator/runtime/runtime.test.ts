import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { bundleOf, functionPayload, standInApi, tempFolder, TOKEN, type StandInApi } from '../../../test/helpers/function-runtime.js';
import { makeZip } from '../../../test/helpers/hosting.js';
import { describeWith } from '../../../test/helpers/system-tools.js';
import { createRuntime, type Runtime, type RuntimeSettings } from './index.js';

const MISSING_DEFAULT = 'Received a function_executed payload but the function does not define a default handler';

describeWith(['deno'], 'the function runtime, in real Deno', () => {
  let api: StandInApi;
  let runtime: Runtime | undefined;
  beforeEach(async () => {
    api = await standInApi();
  });
  afterEach(async () => {
    await runtime?.close();
    runtime = undefined;
    await api.close();
  });

  const start = async (o: Partial<RuntimeSettings> = {}) => {
    runtime = await createRuntime({
      deno: { explicit: process.env.ROSI_DENO, searchPath: process.env.PATH },
      dir: null,
      functionTimeoutMs: 10_000,
      maxExecutions: 2,
      ...o,
    });
    return runtime;
  };
  /** Runs `source` as functions/<callbackId>.js of a bundle of its own. */
  const runSource = async (
    source: string,
    o: { inputs?: Record<string, unknown>; variables?: Record<string, string>; timeoutMs?: number; allowNet?: string[] } = {},
  ) => {
    const rt = runtime ?? (await start());
    const bundleDir = bundleOf({ 'functions/fn.js': source });
    const payload = functionPayload({ callbackId: 'fn', apiUrl: api.apiUrl, ...o });
    return rt.run({ bundleDir, payload, allowNet: o.allowNet ?? [], ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}) });
  };

  it('completes with the outputs returned: functions.completeSuccess, form-encoded, with the Bearer token', async () => {
    const r = await runSource(`export default ({ inputs }) => ({ outputs: { reversed: inputs.word.split('').reverse().join('') } });`, {
      inputs: { word: 'hello' },
    });
    expect(r).toMatchObject({ outcome: 'returned' });
    expect(r.error).toBeUndefined();
    expect(api.calls).toEqual([
      {
        method: 'functions.completeSuccess',
        authorization: `Bearer ${TOKEN}`,
        contentType: 'application/x-www-form-urlencoded',
        body: 'outputs=%7B%22reversed%22%3A%22olleh%22%7D&function_execution_id=Fx0123ABCD',
      },
    ]);
  });

  it('completes an empty return with empty outputs, and an {error} with functions.completeError', async () => {
    await runSource('export default async () => ({});');
    await runSource(`export default () => ({ error: 'no such task', outputs: { ignored: true } });`);
    expect(api.calls.map((c) => [c.method, c.body])).toEqual([
      ['functions.completeSuccess', 'outputs=%7B%7D&function_execution_id=Fx0123ABCD'],
      ['functions.completeError', 'error=no+such+task&function_execution_id=Fx0123ABCD'],
    ]);
  });

  it('makes no call for {completed: false}: the function completes itself later', async () => {
    const r = await runSource('export default () => ({ completed: false });');
    expect(r.outcome).toBe('returned');
    expect(api.calls).toEqual([]);
  });

  it('hands the handler the arguments of §4.2: env from context.variables, token, team_id, inputs, event, body', async () => {
    const r = await runSource(
      `export default async (args) => {
        const seen = { env: args.env, token: args.token, team_id: args.team_id, enterprise_id: args.enterprise_id, inputs: args.inputs,
          event_type: args.event.type, app: args.body.api_app_id, keys: Object.keys(args).sort() };
        console.log(JSON.stringify(seen));
        return { outputs: {} };
      };`,
      { inputs: { n: 3 }, variables: { GREETING: 'hi' } },
    );
    expect(r.outcome).toBe('returned');
    expect(JSON.parse(r.output)).toEqual({
      env: { SLACK_API_URL: api.apiUrl, GREETING: 'hi' },
      token: TOKEN,
      team_id: 'T0EMULATOR',
      enterprise_id: '',
      inputs: { n: 3 },
      event_type: 'function_executed',
      app: 'A0EMULATOR1',
      keys: ['body', 'enterprise_id', 'env', 'event', 'inputs', 'team_id', 'token'],
    });
  });

  it('reports a thrown error: outcome threw, its first line, and the hosted runtime’s text in the output', async () => {
    const r = await runSource(`export default () => { console.log('before'); throw new Error('the sky fell\\nsecond line'); };`);
    expect(r.outcome).toBe('threw');
    expect(r.error).toBe('Error: the sky fell');
    expect(r.output).toContain('before\n');
    expect(r.output).toContain('Caught error from user supplied module: Error: the sky fell');
    expect(api.calls).toEqual([]);
  });

  it('fails a function without a default handler with the runtime’s UnhandledEventError text', async () => {
    const r = await runSource('export const notDefault = () => ({});');
    expect(r).toMatchObject({ outcome: 'threw', error: MISSING_DEFAULT });
    expect(r.output).toContain(MISSING_DEFAULT);
  });

  it('captures console.log and console.error in the order they were written', async () => {
    const pause = 'await new Promise((r) => setTimeout(r, 40));';
    const r = await runSource(
      `export default async () => { console.log('one'); ${pause} console.error('two'); ${pause} console.log('three'); ${pause} console.warn('four'); return {}; };`,
    );
    expect(r.output).toBe('one\ntwo\nthree\nfour\n');
  });

  it('hands over a running function’s whole lines with takeOutput; its result holds only the rest', async () => {
    const rt = await start();
    // The function waits, partway through a line, until the test has taken what it printed.
    const bundleDir = bundleOf({
      'functions/fn.js': `export default async () => {
        console.log('first');
        await Deno.stdout.write(new TextEncoder().encode('sec'));
        for (;;) {
          try { Deno.statSync('go'); break; } catch { await new Promise((r) => setTimeout(r, 20)); }
        }
        console.log('ond');
        return {};
      };`,
    });
    const payload = functionPayload({ callbackId: 'fn', apiUrl: api.apiUrl });
    const result = rt.run({ bundleDir, payload, allowNet: [], executionId: 'Fx1' });
    let taken = '';
    for (const until = Date.now() + 10_000; taken === '' && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 20));
      taken = await rt.takeOutput('Fx1');
    }
    expect(taken).toBe('first\n');
    expect(await rt.takeOutput('Fx1')).toBe('');
    writeFileSync(join(bundleDir, 'go'), '');
    expect(await result).toMatchObject({ outcome: 'returned', output: 'second\n' });
    expect(await rt.takeOutput('Fx1')).toBe('');
  });

  it('stops a function at its timeout, and its process is gone', async () => {
    const rt = await start();
    const bundleDir = bundleOf({ 'functions/fn.js': 'export default async () => { await new Promise((r) => setTimeout(r, 60_000)); return {}; };' });
    const r = await rt.run({ bundleDir, payload: functionPayload({ callbackId: 'fn', apiUrl: api.apiUrl }), allowNet: [], timeoutMs: 700 });
    expect(r.outcome).toBe('timed_out');
    expect(r.error).toBe('The function did not finish within 700 ms and was stopped');
    expect(r.durationMs).toBeGreaterThanOrEqual(650);
    expect(r.durationMs).toBeLessThan(5_000);
    expect(denoProcessesIn(bundleDir)).toEqual([]);
  });

  it('rewords a refused connection with the outgoingDomains hint; the allowed hosts are reached', async () => {
    const elsewhere = `http://127.0.0.1:${api.port + 1}/`;
    const r = await runSource(`export default async ({ env }) => {
      await fetch(env.SLACK_API_URL + 'allowed.probe', { method: 'POST' });
      await fetch('${elsewhere}');
      return {};
    };`);
    expect(r.outcome).toBe('threw');
    expect(r.error).toBe(
      "Detected missing network permissions; add the domain to your manifest's `outgoingDomains`. Original message: " +
        `Requires net access to "127.0.0.1:${api.port + 1}", run again with the --allow-net flag`,
    );
    expect(api.calls.map((c) => c.method)).toEqual(['allowed.probe']);
  });

  it('rewords a refused read or write with a hint of its own', async () => {
    const read = await runSource("export default async () => { await Deno.readTextFile('/etc/passwd'); return {}; };");
    expect(read.outcome).toBe('threw');
    expect(read.error).toBe(
      'Detected missing file permissions; a function may read only the files of its own bundle and write none (keep data in a datastore). ' +
        'Original message: Requires read access to "/etc/passwd", run again with the --allow-read flag',
    );
    const write = await runSource("export default async () => { await Deno.writeTextFile('out.txt', 'x'); return {}; };");
    expect(write.error).toMatch(
      /^Detected missing file permissions; .* Original message: Requires write access to ".*out\.txt", run again with the --allow-write flag$/,
    );
  });

  it('stops a function that allocates past its heap limit: out of memory, and its process is gone', async () => {
    await start({ functionMemoryMiB: 32 });
    const r = await runSource('export default () => { const all = []; for (;;) all.push(new Array(100_000).fill(Math.random())); };');
    expect(r.outcome).toBe('crashed');
    expect(r.error).toBe(
      "out of memory: the function's JavaScript heap reached its limit of 32 MiB and it was stopped (rosi emulator --function-memory sets the limit)",
    );
  });

  it('lets a function reach a domain of its manifest’s outgoing_domains', async () => {
    const r = await runSource(
      `export default async () => { try { await fetch('http://127.0.0.1:${api.port + 1}/'); } catch (e) { return { outputs: { name: e.name } }; } return {}; };`,
      { allowNet: [`127.0.0.1:${api.port + 1}`] },
    );
    expect(r.outcome).toBe('returned');
    // Allowed, so the refusal is the network's (nothing listens there), not Deno's.
    expect(api.calls[0]?.body).toBe('outputs=%7B%22name%22%3A%22TypeError%22%7D&function_execution_id=Fx0123ABCD');
  });

  it('refuses, before starting Deno, an outgoing domain that could widen the list', async () => {
    const r = await runSource('export default () => ({});', { allowNet: ['api.example.com,0.0.0.0'] });
    expect(r).toEqual({ outcome: 'crashed', error: 'Not a host name Deno can allow: "api.example.com,0.0.0.0"', output: '', durationMs: 0 });
    expect(api.calls).toEqual([]);
  });

  it('keeps a function in its sandbox: no reads outside the bundle, no writes, no processes, no FFI, no system data', async () => {
    const outside = join(tempFolder(), 'secret.txt');
    writeFileSync(outside, 'top secret');
    const attempt = (name: string, code: string) => `try { ${code}; seen.${name} = 'allowed'; } catch (e) { seen.${name} = e.message; }`;
    const r = await runSource(`export default async () => {
      const seen = {};
      ${attempt('readOutside', `Deno.readTextFileSync(${JSON.stringify(outside)})`)}
      ${attempt('readInside', `Deno.readTextFileSync('functions/fn.js')`)}
      ${attempt('write', `Deno.writeTextFileSync('written.txt', 'x')`)}
      ${attempt('spawn', `new Deno.Command('/bin/sh', { args: ['-c', 'true'] }).outputSync()`)}
      ${attempt('ffi', `Deno.dlopen('/lib/x86_64-linux-gnu/libc.so.6', {})`)}
      ${attempt('sys', 'Deno.hostname()')}
      return { outputs: seen };
    };`);
    expect(r.outcome).toBe('returned');
    const seen = JSON.parse(new URLSearchParams(api.calls[0]?.body).get('outputs') ?? '{}') as Record<string, string>;
    expect(seen.readInside).toBe('allowed');
    expect(seen.readOutside).toBe(`Requires read access to "${outside}", run again with the --allow-read flag`);
    expect(seen.write).toMatch(/^Requires write access to ".*written\.txt", run again with the --allow-write flag$/);
    expect(seen.spawn).toBe('Requires run access to "/bin/sh", run again with the --allow-run flag');
    expect(seen.ffi).toMatch(/Requires ffi access/);
    expect(seen.sys).toMatch(/Requires sys access/);
  });

  it('gives a function an environment of its own: nothing of the emulator’s', async () => {
    process.env.ROSI_RUNTIME_TEST_SECRET = 'must-not-leak';
    try {
      const r = await runSource('export default () => { console.log(JSON.stringify(Deno.env.toObject())); return {}; };');
      const env = JSON.parse(r.output) as Record<string, string>;
      expect(env.ROSI_RUNTIME_TEST_SECRET).toBeUndefined();
      expect(env.HOME).toBeUndefined();
      expect(Object.keys(env).every((k) => k.startsWith('DENO_') || k === 'NO_COLOR' || k === 'PATH')).toBe(true);
    } finally {
      delete process.env.ROSI_RUNTIME_TEST_SECRET;
    }
  });

  it('keeps the newest two deployments unpacked, and never removes one a run in flight uses', async () => {
    const dir = tempFolder();
    const rt = await start({ dir, maxExecutions: 4 });
    const zipPath = join(tempFolder(), 'bundle.zip');
    writeFileSync(zipPath, await makeZip({ 'functions/fn.js': 'export default async () => { await new Promise((r) => setTimeout(r, 1_500)); return {}; };' }));
    const deployment = (version: number) => ({ appId: 'A0PRUNE', version, s3Key: `T1/A0PRUNE/${version}.zip`, zipPath });
    const payload = functionPayload({ callbackId: 'fn', apiUrl: api.apiUrl });
    const versions = () =>
      readdirSync(join(dir, 'bundles', 'A0PRUNE'))
        .map((n) => n.split('-')[0])
        .sort();

    const slow = rt.runDeployed(deployment(1), { payload, allowNet: [] });
    // Deployments 2 and 3 arrive while 1 still runs: 1 is past the newest two, but in use.
    await new Promise((r) => setTimeout(r, 300));
    await Promise.all([rt.runDeployed(deployment(2), { payload, allowNet: [] }), rt.runDeployed(deployment(3), { payload, allowNet: [] })]);
    expect(versions()).toEqual(['v1', 'v2', 'v3']);
    expect((await slow).outcome).toBe('returned');
    await rt.runDeployed(deployment(4), { payload, allowNet: [] });
    expect(versions()).toEqual(['v3', 'v4']);
  });

  it('runs at most maxExecutions functions at once; the rest wait', async () => {
    await start({ maxExecutions: 2 });
    const source = `export default async ({ env }) => {
      await fetch(env.SLACK_API_URL + 'enter', { method: 'POST' });
      await new Promise((r) => setTimeout(r, 250));
      await fetch(env.SLACK_API_URL + 'leave', { method: 'POST' });
      return {};
    };`;
    const results = await Promise.all(Array.from({ length: 5 }, () => runSource(source)));
    expect(results.map((r) => r.outcome)).toEqual(Array(5).fill('returned'));
    expect(api.maxInside()).toBe(2);
    expect(api.calls.filter((c) => c.method === 'functions.completeSuccess')).toHaveLength(5);
  });

  it('keeps the tail of a long output, saying how many bytes were cut', async () => {
    await start({ outputCapBytes: 1000 });
    const r = await runSource(`export default () => { for (let i = 0; i < 500; i++) console.log('line ' + i); return {}; };`);
    const [first, ...rest] = r.output.split('\n');
    expect(first).toMatch(/^\[… \d+ bytes cut\]$/);
    expect(Buffer.byteLength(rest.join('\n'))).toBeLessThanOrEqual(1000);
    expect(r.output.endsWith('line 499\n')).toBe(true);
  });

  it('stops running functions and turns away waiting ones on close()', async () => {
    const rt = await start({ maxExecutions: 1 });
    const sleeper = 'export default async () => { console.log("started"); await new Promise((r) => setTimeout(r, 60_000)); return {}; };';
    const runs = [runSource(sleeper), runSource(sleeper)];
    await new Promise((r) => setTimeout(r, 500));
    await rt.close();
    runtime = undefined;
    const [running, waiting] = await Promise.all(runs);
    expect(running).toMatchObject({ outcome: 'cancelled', error: 'Cancelled while running' });
    expect(waiting).toMatchObject({ outcome: 'cancelled', error: 'The emulator is stopping' });
  });

  it('stops a run when its signal aborts', async () => {
    const rt = await start();
    const abort = new AbortController();
    const bundleDir = bundleOf({ 'functions/fn.js': 'export default () => new Promise((r) => setTimeout(r, 60_000));' });
    const run = rt.run({ bundleDir, payload: functionPayload({ callbackId: 'fn', apiUrl: api.apiUrl }), allowNet: [] }, abort.signal);
    setTimeout(() => abort.abort(), 300);
    expect(await run).toMatchObject({ outcome: 'cancelled' });
  });

  it('fails a module that does not load, and one whose file is missing, as the hosted runtime does', async () => {
    const broken = await runSource('export default () => {');
    expect(broken.outcome).toBe('threw');
    expect(broken.output).toContain('Caught error from user supplied module: ');
    const rt = runtime as Runtime;
    const missing = await rt.run({
      bundleDir: bundleOf({ 'functions/other.js': 'export default () => ({});' }),
      payload: functionPayload({ callbackId: 'gone', apiUrl: api.apiUrl }),
      allowNet: [],
    });
    expect(missing.outcome).toBe('threw');
    expect(missing.error).toMatch(/^TypeError: Module not found "file:\/\/.*\/functions\/gone\.js"/);
  });
});

it('fails every run with the fix when Deno is missing, and starts all the same', async () => {
  const runtime = await createRuntime({ deno: { explicit: '/nonexistent/deno', searchPath: '' }, dir: null, functionTimeoutMs: 1000, maxExecutions: 1 });
  try {
    expect(runtime.deno).toEqual({ path: null, reason: 'Deno was named as /nonexistent/deno, but there is no such file' });
    const r = await runtime.run({ bundleDir: tempFolder(), payload: functionPayload({ callbackId: 'fn', apiUrl: 'http://127.0.0.1:1/api/' }), allowNet: [] });
    expect(r.outcome).toBe('deno_missing');
    expect(r.error).toBe(
      'Deno was named as /nonexistent/deno, but there is no such file: run npm install (it brings Deno as an optional dependency) or put deno on PATH, ' +
        'or set ROSI_DENO=/path/to/deno (or start the emulator with --deno <path>)',
    );
  } finally {
    await runtime.close();
  }
});

/** Deno processes whose command line mentions `needle` (Linux's /proc; nothing elsewhere). */
function denoProcessesIn(needle: string): string[] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return [];
  }
  return pids.filter((pid) => {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return cmd.includes('deno') && cmd.includes(needle) && cmd.includes('--allow-read=');
    } catch {
      return false;
    }
  });
}
