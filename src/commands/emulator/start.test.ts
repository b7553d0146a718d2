import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { datastoreManifest } from '../../../test/helpers/datastore.js';
import { allowLoopback } from '../../../test/helpers/in-process-emulator.js';
import { createTestContext, type TestHarness } from '../../../test/helpers/test-context.js';
import { defaultSqliteDriver } from '../../../test/helpers/sqlite-driver.js';
import { parse, run } from './start.run.js';

const flags = (f: Record<string, unknown>) => parse({ args: {}, flags: f });

describe('rosi emulator options', () => {
  it.each([
    { name: 'nothing → all defaults left to the emulator', flags: {}, want: {} },
    { name: '--port 0', flags: { port: '0' }, want: { port: 0 } },
    { name: '--port 65535', flags: { port: '65535' }, want: { port: 65535 } },
    { name: 'durations', flags: { tokenTtl: '30s', ticketTtl: '2m', presignTtl: '1m' }, want: { tokenTtl: 30_000, ticketTtl: 120_000, presignTtl: 60_000 } },
    { name: 'upload size', flags: { maxUploadSize: '5MB' }, want: { maxUploadSize: 5_000_000 } },
    { name: 'upload size in bytes', flags: { maxUploadSize: '1024' }, want: { maxUploadSize: 1024 } },
    { name: 'variable size', flags: { maxVariableSize: '64KiB' }, want: { maxVariableSize: 65_536 } },
    { name: 'webhook body size', flags: { maxWebhookSize: '2MiB' }, want: { maxWebhookSize: 2_097_152 } },
    {
      name: 'function runtime',
      flags: { functionTimeout: '15s', maxExecutions: '4', deno: '/opt/deno' },
      want: { functionTimeout: 15_000, maxExecutions: 4, deno: '/opt/deno' },
    },
    { name: 'function memory', flags: { functionMemory: '512MiB' }, want: { functionMemory: 536_870_912 } },
    {
      name: 'seed IDs',
      flags: { teamId: 'T0123456789', teamDomain: 'acme-dev', userId: 'U042' },
      want: { teamId: 'T0123456789', teamDomain: 'acme-dev', userId: 'U042' },
    },
    { name: 'booleans', flags: { inMemory: true, control: true }, want: { inMemory: true, control: true } },
    { name: '--no-schedules', flags: { schedules: false }, want: { schedules: false } },
    { name: '--answers', flags: { answers: 'answers.json' }, want: { answers: 'answers.json' } },
    { name: '--open', flags: { open: true }, want: { open: true } },
    { name: '--no-open', flags: { open: false }, want: { open: false } },
    {
      name: 'the state flags',
      flags: { ephemeral: true, import: 'a.snapshot', exportOnExit: 'b.snapshot', seed: 'fixtures' },
      want: { ephemeral: true, import: 'a.snapshot', exportOnExit: 'b.snapshot', seed: 'fixtures' },
    },
  ])('$name', ({ flags: f, want }) => {
    expect(flags(f)).toEqual(want);
  });

  it.each([
    { name: 'port not a number', flags: { port: 'http' }, message: 'Invalid --port: must be a port number from 0 to 65535' },
    { name: 'port too big', flags: { port: '65536' }, message: 'Invalid --port: must be a port number from 0 to 65535' },
    { name: 'ttl not a duration', flags: { tokenTtl: 'soon' }, message: 'Invalid --token-ttl: "soon" is not a duration (try 30s, 5m, 1h)' },
    { name: 'ttl zero', flags: { ticketTtl: '0s' }, message: 'Invalid --ticket-ttl: must be at least 1s' },
    { name: 'presign ttl zero', flags: { presignTtl: '0s' }, message: 'Invalid --presign-ttl: must be at least 1s' },
    {
      name: 'size not a size',
      flags: { maxUploadSize: 'big' },
      message: 'Invalid --max-upload-size: "big" is not a size (try 200MB, 512KiB, or a number of bytes)',
    },
    { name: 'size zero', flags: { maxUploadSize: '0' }, message: expect.stringContaining('Invalid --max-upload-size') },
    { name: 'variable size zero', flags: { maxVariableSize: '0' }, message: expect.stringContaining('Invalid --max-variable-size') },
    { name: 'webhook size zero', flags: { maxWebhookSize: '0' }, message: expect.stringContaining('Invalid --max-webhook-size') },
    { name: 'function timeout too short', flags: { functionTimeout: '10ms' }, message: 'Invalid --function-timeout: must be at least 100ms' },
    { name: 'function memory too small', flags: { functionMemory: '1MiB' }, message: 'Invalid --function-memory: must be at least 16MiB' },
    { name: 'no executions at all', flags: { maxExecutions: '0' }, message: 'Invalid --max-executions: must be a whole number from 1 to 1000' },
    { name: 'executions not a number', flags: { maxExecutions: 'many' }, message: 'Invalid --max-executions: must be a whole number from 1 to 1000' },
    { name: 'team ID too short for credentials.json', flags: { teamId: 'T123' }, message: expect.stringContaining('Invalid --team-id') },
    { name: 'domain with capitals', flags: { teamDomain: 'Acme' }, message: expect.stringContaining('Invalid --team-domain') },
    { name: 'user ID', flags: { userId: 'bob' }, message: expect.stringContaining('Invalid --user-id') },
  ])('$name → usage error', ({ flags: f, message }) => {
    expect(() => flags(f)).toThrow(expect.objectContaining({ code: 'invalid_argument', exitCode: 2, message }));
  });
});

describe('rosi emulator', () => {
  let h: TestHarness | undefined;
  afterEach(() => h?.cleanup());

  /** Runs the command until it prints its first line; returns that line and a stop function. */
  async function start(opts: Parameters<typeof run>[1], json = true, files: Record<string, string> = {}) {
    allowLoopback();
    h = createTestContext({ settings: { json } });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(h.home, name), text);
    const abort = new AbortController();
    const done = run({ ...h.ctx, signal: abort.signal }, opts);
    const harness = h;
    for (let i = 0; i < 200 && !harness.stdout().includes('\n'); i++) await delay(10);
    const line = harness.stdout().split('\n')[0] ?? '';
    return { line, harness, stop: async () => (abort.abort(), await done) };
  }

  it('prints one JSON line once listening, serves, and stops cleanly on abort', async () => {
    const { line, harness, stop } = await start({ port: 0, inMemory: true, control: true });
    const info = JSON.parse(line) as { url: string; api_host: string; data_dir: string | null; control: boolean };
    expect(info).toEqual({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      api_host: info.url,
      data_dir: null,
      control: true,
      team_id: expect.stringMatching(/^T[A-Z0-9]{10}$/),
      sqlite: defaultSqliteDriver(),
      console_url: `${info.url}/`,
    });
    const r = await fetch(`${info.url}/api/apps.hosted.generateAuthTicket`, { method: 'POST', body: 'slack_cli_version=v4.5' });
    expect(await r.json()).toMatchObject({ ok: true });
    await stop();
    expect(harness.stdout()).toBe(`${line}\n`);
    expect(harness.stderr()).toContain(`Log in with: rosi login --apihost ${info.url}`);
    expect(harness.stderr()).toContain('Emulator stopped.');
    await expect(fetch(`${info.url}/`)).rejects.toThrow();
  });

  it('--deno naming no Deno: says functions cannot run and how to fix it, and serves everything else', async () => {
    const { line, harness, stop } = await start({ port: 0, inMemory: true, deno: 'no/such/deno' }, false);
    const r = await fetch(`${line}/api/apps.hosted.generateAuthTicket`, { method: 'POST', body: 'slack_cli_version=v4.5' });
    expect(await r.json()).toMatchObject({ ok: true });
    await stop();
    expect(harness.stderr()).toContain(
      `Deno was named as ${join(harness.home, 'no/such/deno')}, but there is no such file; to run functions, run npm install (it brings Deno as an optional dependency)`,
    );
    expect(harness.stderr()).toContain('Everything else works without it.');
  });

  it('prints just the URL without --json, and keeps state under rosi’s data folder by default', async () => {
    const { line, harness, stop } = await start({ port: 0 }, false);
    await stop();
    expect(line).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(harness.stderr()).toContain(join(harness.home, '.local', 'share', 'rosi', 'emulator', 'emulator.db'));
  });

  it.each([
    { name: '--data-dir inside the Slack config folder', opts: { dataDir: '.slack/emulator' }, code: 'invalid_data_dir' },
    { name: '--data-dir with --in-memory', opts: { dataDir: 'x', inMemory: true }, code: 'mismatched_flags' },
    { name: '--data-dir with --ephemeral', opts: { dataDir: 'x', ephemeral: true }, code: 'mismatched_flags' },
    { name: '--seed without --manifest', opts: { ephemeral: true, seed: 'fixtures' }, code: 'mismatched_flags' },
    { name: '--import of a file that is not there', opts: { ephemeral: true, import: 'missing.snapshot' }, code: 'snapshot_not_found' },
  ])('refuses $name', async ({ opts, code }) => {
    h = createTestContext();
    await expect(run(h.ctx, { port: 0, ...opts })).rejects.toMatchObject({ code, exitCode: 2 });
  });

  it('an export on exit that cannot be written fails (exit 1) naming the file, and says the data folder still holds the state', async () => {
    const { harness, stop } = await start({ port: 0, dataDir: 'data', exportOnExit: 'missing/state.snapshot' });
    const failed = await stop().catch((e: unknown) => e);
    expect(failed).toMatchObject({
      code: 'export_failed',
      exitCode: 1,
      message: 'Could not export the emulator’s state to missing/state.snapshot: no such file',
    });
    expect((failed as { hint: string }).hint).toContain(`The state is still in ${join(harness.home, 'data')}`);
  });

  it('--manifest creates app A0EMULATOR1 for the seeded developer, whose datastores then work', async () => {
    const { line, harness, stop } = await start({ port: 0, inMemory: true, control: true, manifest: 'manifest.json' }, true, {
      'manifest.json': JSON.stringify(datastoreManifest()),
    });
    const info = JSON.parse(line) as { url: string; app_id: string };
    expect(info.app_id).toBe('A0EMULATOR1');
    const seeded = (await (
      await fetch(`${info.url}/__emulator/seed`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user_id: 'U0EMULATOR' }),
      })
    ).json()) as { token: string };
    const call = async (method: string, body: Record<string, unknown>) =>
      (
        await fetch(`${info.url}/api/apps.datastore.${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${seeded.token}` },
          body: JSON.stringify({ app_id: 'A0EMULATOR1', ...body }),
        })
      ).json();
    expect(await call('put', { datastore: 'tasks', item: { task_id: '1', title: 'x' } })).toMatchObject({ ok: true });
    expect(await call('count', { datastore: 'tasks' })).toEqual({ ok: true, datastore: 'tasks', count: 1 });
    await stop();
    expect(harness.stderr()).toContain('App        A0EMULATOR1 (from manifest.json; use --app A0EMULATOR1)');
  });

  it('names the console in its banner; --open off a terminal prints its URL and why it is not opened', async () => {
    const { line, harness, stop } = await start({ port: 0, inMemory: true, open: true }, false);
    await stop();
    expect(harness.stderr()).toContain(`  Console    ${line}/\n`);
    expect(harness.stderr()).toContain(`  Approve    ${line}/approve `);
    expect(harness.stderr()).toContain(`Open ${line}/ in your browser (not opened: not on a terminal)\n`);
  });

  it('--open with --manifest points at the seeded app’s page; without --open nothing is said of opening', async () => {
    const files = { 'manifest.json': JSON.stringify(datastoreManifest()) };
    const opened = await start({ port: 0, inMemory: true, open: true, manifest: 'manifest.json' }, false, files);
    await opened.stop();
    expect(opened.harness.stderr()).toContain(`Open ${opened.line}/apps/A0EMULATOR1 in your browser (not opened: not on a terminal)`);
    h?.cleanup();
    const plain = await start({ port: 0, inMemory: true, manifest: 'manifest.json' }, false, files);
    await plain.stop();
    expect(plain.harness.stderr()).not.toContain('in your browser');
  });

  it.each([
    { name: 'a missing --manifest file', files: {}, code: 'manifest_not_found', exitCode: 2 },
    { name: 'a --manifest file that is not JSON', files: { 'manifest.json': '{ nope' }, code: 'invalid_manifest', exitCode: 2 },
    { name: 'a --manifest file holding an array', files: { 'manifest.json': '[]' }, code: 'invalid_manifest', exitCode: 2 },
    { name: 'a manifest with problems', files: { 'manifest.json': JSON.stringify({ display_information: {} }) }, code: 'invalid_manifest', exitCode: 1 },
  ])('refuses $name', async ({ files, code, exitCode }) => {
    h = createTestContext();
    for (const [name, text] of Object.entries(files)) writeFileSync(join(h.home, name), text);
    await expect(run(h.ctx, { port: 0, inMemory: true, manifest: 'manifest.json' })).rejects.toMatchObject({ code, exitCode });
  });
});

describe('rosi emulator --answers', () => {
  let h: TestHarness | undefined;
  afterEach(() => h?.cleanup());

  it('reads the file at start, relative to the working folder: interactive built-ins answer from it', async () => {
    allowLoopback();
    h = createTestContext({ settings: { json: true } });
    writeFileSync(join(h.home, 'answers.json'), JSON.stringify({ open_form: { fields: { title: 'x' } } }));
    const abort = new AbortController();
    const done = run({ ...h.ctx, signal: abort.signal }, { port: 0, inMemory: true, control: true, answers: 'answers.json' });
    const harness = h;
    for (let i = 0; i < 200 && !harness.stdout().includes('\n'); i++) await delay(10);
    const { url } = JSON.parse(harness.stdout().split('\n')[0] ?? '') as { url: string };
    expect(await (await fetch(`${url}/__emulator/answers`)).json()).toEqual({ ok: true, answers: { open_form: { fields: { title: 'x' } } } });
    abort.abort();
    await done;
  });

  it.each([
    { name: 'a missing file', files: {}, message: /--answers .*answers\.json: it cannot be read \(ENOENT\)/ },
    { name: 'a file that is not JSON', files: { 'answers.json': '{ nope' }, message: /it is not valid JSON/ },
    { name: 'an answer that is not an object', files: { 'answers.json': '{"open_form": []}' }, message: /the answer for "open_form" must be a JSON object/ },
  ])('refuses $name: a usage error (exit 2) naming the file', async ({ files, message }) => {
    h = createTestContext();
    for (const [name, text] of Object.entries(files)) writeFileSync(join(h.home, name), text);
    await expect(run(h.ctx, { port: 0, inMemory: true, answers: 'answers.json' })).rejects.toMatchObject({
      code: 'invalid_answers',
      exitCode: 2,
      message: expect.stringMatching(message),
    });
  });
});
