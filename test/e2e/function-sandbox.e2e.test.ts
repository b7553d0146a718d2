import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeWith } from '../helpers/system-tools.js';
import { useDeployedApps, type DeployedApp } from './deployed-app.js';

// A deployed app's functions in their sandbox, through the built CLI and emulator: a function past its time or its
// memory is stopped, and one that reaches for the network, a file or the emulator's environment is refused.

const apps = useDeployedApps(['--function-timeout', '3s', '--function-memory', '64MiB']);

const text = { type: 'string' };
const step = (fn: string) => ({ steps: [{ id: '0', function_id: `#/functions/${fn}`, inputs: {} }] });

const sandbox = {
  functions: {
    spin: { source: "export default () => {\n  console.log('spinning');\n  for (;;);\n};\n" },
    hoard: { source: 'export default () => {\n  const all = [];\n  for (;;) all.push(new Array(100_000).fill(Math.random()));\n};\n' },
    call_out: { source: "export default async () => {\n  await fetch('https://example.org/');\n  return {};\n};\n" },
    read_passwd: { source: "export default async () => {\n  await Deno.readTextFile('/etc/passwd');\n  return {};\n};\n" },
    look_around: {
      source: `export default () => ({
  outputs: { home: String(Deno.env.get('HOME')), xdg: String(Deno.env.get('XDG_DATA_HOME')), ci: String(Deno.env.get('CI')) },
});
`,
      outputs: { home: text, xdg: text, ci: text },
    },
  },
  workflows: { spin: step('spin'), hoard: step('hoard'), call_out: step('call_out'), read_passwd: step('read_passwd'), look_around: step('look_around') },
};

let app: DeployedApp | undefined;
const deployed = async () => (app ??= await apps.deploy('sandbox', sandbox));

/** The Deno processes running a bundle of the app (their --allow-read names its folder). */
function denoProcessesOf(appId: string): string[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((pid) => {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return cmd.includes('--allow-read=') && cmd.includes(appId);
      } catch {
        return false;
      }
    });
}

/** What `rosi activity --trace-id` prints for the execution. */
async function activity(a: DeployedApp, traceId: string): Promise<string> {
  const r = await a.rosi(['activity', '--trace-id', traceId]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

describeWith(['deno'], 'a function in its sandbox, end to end', () => {
  it('a function still running at --function-timeout is killed: event_dispatch_failed, its Deno gone, and the activity says so', async () => {
    const a = await deployed();
    const started = Date.now();
    const x = await a.run('spin');
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
    expect(x.status).toBe('failed');
    expect(x.steps[0]).toMatchObject({ status: 'timed_out', error: 'event_dispatch_failed' });
    expect(denoProcessesOf(a.appId)).toEqual([]);
    const log = await activity(a, x.trace_id);
    expect(log).toMatch(/Function output:\n\s*spinning/);
    expect(log).toMatch(/\[error\] \[Fn[A-Z0-9]{10}\] \(Trace=Tr[A-Z0-9]{10}\) Function 'spin' \(app function\) failed\n\s*event_dispatch_failed/);
  }, 120_000);

  it('a function that allocates past --function-memory fails with out of memory, alone', async () => {
    const a = await deployed();
    const x = await a.run('hoard');
    expect(x.status).toBe('failed');
    expect(x.steps[0]?.error).toBe(
      "out of memory: the function's JavaScript heap reached its limit of 64 MiB and it was stopped (rosi emulator --function-memory sets the limit)",
    );
    expect(denoProcessesOf(a.appId)).toEqual([]);
    expect(await activity(a, x.trace_id)).toMatch(/failed\n\s*out of memory: /);
  }, 120_000);

  it('a call to a domain the manifest does not list is refused by Deno, with the outgoingDomains hint', async () => {
    const a = await deployed();
    const x = await a.run('call_out');
    expect(x.status).toBe('failed');
    expect(x.steps[0]?.error).toBe(
      "Detected missing network permissions; add the domain to your manifest's `outgoingDomains`. Original message: " +
        'Requires net access to "example.org:443", run again with the --allow-net flag',
    );
    expect(await activity(a, x.trace_id)).toMatch(/add the domain to your manifest's `outgoingDomains`/);
  }, 120_000);

  it('a read outside the bundle is refused, with a hint of its own', async () => {
    const a = await deployed();
    const x = await a.run('read_passwd');
    expect(x.status).toBe('failed');
    expect(x.steps[0]?.error).toBe(
      'Detected missing file permissions; a function may read only the files of its own bundle and write none (keep data in a datastore). ' +
        'Original message: Requires read access to "/etc/passwd", run again with the --allow-read flag',
    );
  }, 120_000);

  it('the emulator’s environment does not reach a function: HOME and the rest read as undefined', async () => {
    const a = await deployed();
    const x = await a.run('look_around');
    expect(x.status, JSON.stringify(x)).toBe('completed');
    expect(x.steps[0]?.outputs).toEqual({ home: 'undefined', xdg: 'undefined', ci: 'undefined' });
  }, 120_000);
});
