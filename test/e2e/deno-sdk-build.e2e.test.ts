// Functions written with Slack's Deno SDK, built by rosi's built-in build and run in real Deno with no network:
// npm's @slack/deno-slack-sdk, and a project in the official templates' shape (deno.land import map, hooks that
// fetch deno_slack_hooks) deployed to the emulator, its function run, its trigger file read.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type * as Emulator from '../../src/emulator/index.js';
import { buildApp } from '../../src/deploy/bundle/build.js';
import { control, ROOT, runRosi, type EmulatorHandle } from '../helpers/e2e.js';
import { bundleOf, functionPayload, standInApi, tempFolder, TOKEN, type StandInApi } from '../helpers/function-runtime.js';
import { describeWith } from '../helpers/system-tools.js';
import { unzipBuffer } from '../helpers/unzip.js';
import { useLoggedInEmulator } from './login-helpers.js';

const built = () => createRequire(import.meta.url)(join(ROOT, 'dist', 'emulator.cjs')) as typeof Emulator;

let emu: EmulatorHandle;
let home: string;
useLoggedInEmulator((s) => ({ emu, home } = s));

function project(files: Record<string, string>): string {
  const root = tempFolder('rosi-sdk-project-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

/** A project written as the official Deno templates are (our own words), pinning the SDK at `sdk`. */
function officialProject(sdk = '2.15.1', api = '2.8.0'): string {
  const root = project({
    '.slack/hooks.json': JSON.stringify({
      hooks: { 'get-hooks': 'deno run -q --allow-read --allow-net https://deno.land/x/deno_slack_hooks@1.3.2/mod.ts' },
      config: { 'protocol-version': ['message-boundaries'] },
    }),
    'deno.jsonc': `{
  // Where the SDK comes from, as the templates say it.
  "imports": {
    "deno-slack-sdk/": "https://deno.land/x/deno_slack_sdk@${sdk}/",
    "deno-slack-api/": "https://deno.land/x/deno_slack_api@${api}/",
  },
  "lint": { "rules": { "tags": ["recommended"] } },
}
`,
    'manifest.ts': `import { Manifest } from "deno-slack-sdk/mod.ts";
import { GreetFunction } from "./functions/greet.ts";
import GreetWorkflow from "./workflows/greet.ts";

export default Manifest({
  name: "Offline Greeter",
  description: "Greets whoever runs it",
  icon: "assets/icon.png",
  functions: [GreetFunction],
  workflows: [GreetWorkflow],
  outgoingDomains: [],
  botScopes: ["commands", "datastore:write"],
});
`,
    'functions/greet.ts': `import { DefineFunction, Schema, SlackFunction } from "deno-slack-sdk/mod.ts";

export const GreetFunction = DefineFunction({
  callback_id: "greet",
  title: "Greet",
  source_file: "functions/greet.ts",
  input_parameters: { properties: { user: { type: Schema.slack.types.user_id } }, required: ["user"] },
  output_parameters: { properties: { greeting: { type: Schema.types.string } }, required: ["greeting"] },
});

export default SlackFunction(GreetFunction, ({ inputs }) => {
  return { outputs: { greeting: \`Welcome, <@\${inputs.user}>!\` } };
});
`,
    'workflows/greet.ts': `import { DefineWorkflow, Schema } from "deno-slack-sdk/mod.ts";
import { GreetFunction } from "../functions/greet.ts";

const GreetWorkflow = DefineWorkflow({
  callback_id: "greet_workflow",
  title: "Greet someone",
  input_parameters: { properties: { user: { type: Schema.slack.types.user_id } }, required: ["user"] },
});
GreetWorkflow.addStep(GreetFunction, { user: GreetWorkflow.inputs.user });

export default GreetWorkflow;
`,
    'triggers/greet.ts': `import type { Trigger } from "deno-slack-api/types.ts";
import { TriggerContextData, TriggerTypes } from "deno-slack-api/mod.ts";
import GreetWorkflow from "../workflows/greet.ts";

const trigger: Trigger<typeof GreetWorkflow.definition> = {
  type: TriggerTypes.Shortcut,
  name: "Greet me",
  description: "Says hello",
  workflow: \`#/workflows/\${GreetWorkflow.definition.callback_id}\`,
  inputs: { user: { value: TriggerContextData.Shortcut.user_id } },
};

export default trigger;
`,
  });
  mkdirSync(join(root, 'assets'));
  cpSync(join(ROOT, 'examples/hello-rosi/assets/icon.png'), join(root, 'assets/icon.png'));
  return root;
}

describeWith(['deno'], 'the built-in build of Deno SDK functions, run in Deno offline', () => {
  let api: StandInApi;
  let runtime: Emulator.Runtime;
  let denoPath: string;
  beforeEach(async () => {
    api = await standInApi();
    runtime = await built().createRuntime({
      deno: { explicit: process.env.ROSI_DENO, searchPath: process.env.PATH },
      dir: null,
      functionTimeoutMs: 20_000,
      maxExecutions: 1,
    });
    denoPath = runtime.deno.path ?? '';
  });
  afterEach(async () => {
    await runtime.close();
    await api.close();
  });

  const completed = () => api.calls.find((c) => c.method === 'functions.completeSuccess');
  const outputsOf = () => JSON.parse(new URLSearchParams(completed()?.body).get('outputs') ?? 'null') as unknown;

  it('npm’s @slack/deno-slack-sdk: a SlackFunction returns its outputs, and its client’s call arrives form-encoded', async () => {
    const root = project({
      'functions/save.ts': `import { DefineFunction, Schema, SlackFunction } from "@slack/deno-slack-sdk";

export const SaveFunction = DefineFunction({
  callback_id: "save",
  title: "Save",
  source_file: "functions/save.ts",
  input_parameters: { properties: { name: { type: Schema.types.string } }, required: ["name"] },
  output_parameters: { properties: { saved: { type: Schema.types.string } }, required: ["saved"] },
});

export default SlackFunction(SaveFunction, async ({ inputs, client }) => {
  const put = await client.apps.datastore.put({ datastore: "people", item: { id: "p1", name: inputs.name } });
  if (!put.ok) return { error: \`put failed: \${put.error}\` };
  return { outputs: { saved: inputs.name } };
});
`,
    });
    const outDir = join(tempFolder(), 'package');
    // No node_modules in the project: the SDK is rosi's own copy.
    await buildApp({ root, manifest: { functions: { save: { source_file: 'functions/save.ts' } } }, outDir, env: {} });

    const r = await runtime.run({
      bundleDir: outDir,
      payload: functionPayload({ callbackId: 'save', apiUrl: api.apiUrl, inputs: { name: 'Ada' } }),
      allowNet: [],
    });
    expect(r.error, r.output).toBeUndefined();
    expect(r.outcome).toBe('returned');
    expect(api.calls.map((c) => c.method)).toEqual(['apps.datastore.put', 'functions.completeSuccess']);
    const put = api.calls[0];
    expect(put).toMatchObject({ authorization: `Bearer ${TOKEN}`, contentType: 'application/x-www-form-urlencoded' });
    expect(Object.fromEntries(new URLSearchParams(put?.body))).toEqual({ datastore: 'people', item: '{"id":"p1","name":"Ada"}' });
    expect(outputsOf()).toEqual({ saved: 'Ada' });
  });

  it.each([
    {
      name: 'Deno there, the network not',
      path: () => `${dirname(denoPath)}${delimiter}${process.env.PATH}`,
      saw: /Connection refused|error sending request|dns error/i,
    },
    { name: 'no Deno', path: () => `${dirname(process.execPath)}${delimiter}/usr/bin${delimiter}/bin`, saw: /deno: (?:command )?not found/ },
  ])('an official-template project with $name: deployed by the built-in build, its function runs, its trigger file is read', async ({ path, saw }) => {
    const root = officialProject();
    // Any request Deno makes for deno.land goes to a port where nothing listens; rosi's own go to the emulator.
    const env = {
      PATH: path(),
      DENO_DIR: tempFolder('rosi-deno-dir-'),
      HTTPS_PROXY: 'http://127.0.0.1:9',
      HTTP_PROXY: 'http://127.0.0.1:9',
      NO_PROXY: '127.0.0.1,localhost',
    };
    const deploy = await runRosi(['deploy', '--json'], { home, cwd: root, env, timeoutMs: 90_000 });
    expect(deploy.code, deploy.stderr).toBe(0);
    expect(deploy.stderr).toMatch(saw);
    expect(deploy.stderr).toContain("The project's get-hooks hook could not run");
    expect(deploy.stderr).toContain('the built-in build takes over');
    expect(deploy.stderr).toContain('deno_slack_sdk@2.15.1 from @slack/deno-slack-sdk');
    expect(deploy.stderr).toMatch(/bundled functions\/greet\.ts → functions\/greet\.js/);
    const { app_id: appId } = JSON.parse(deploy.stdout) as { app_id: string };

    // What was uploaded, unpacked and run as the hosted runtime would.
    const [upload] = await control<{ key: string; files: string[] }[]>(emu, `uploads?app_id=${appId}`);
    expect([...(upload?.files ?? [])].sort()).toEqual(['assets/icon.png', 'functions/greet.js', 'manifest.json']);
    const zip = await unzipBuffer(
      Buffer.from(await (await fetch(`${emu.url}/__emulator/uploads/raw?key=${encodeURIComponent(upload?.key ?? '')}`)).arrayBuffer()),
    );
    const bundleDir = bundleOf(Object.fromEntries([...zip].map(([name, e]) => [name, e.data.toString('utf8')])));
    const manifest = JSON.parse(zip.get('manifest.json')?.data.toString('utf8') ?? '{}') as Record<string, Record<string, unknown>>;
    expect(Object.keys(manifest.functions ?? {})).toEqual(['greet']);
    expect(Object.keys(manifest.workflows ?? {})).toEqual(['greet_workflow']);

    const r = await runtime.run({ bundleDir, payload: functionPayload({ callbackId: 'greet', apiUrl: api.apiUrl, inputs: { user: 'U0ADA' } }), allowNet: [] });
    expect(r.error, r.output).toBeUndefined();
    expect(outputsOf()).toEqual({ greeting: 'Welcome, <@U0ADA>!' });

    const trigger = await runRosi(['trigger', 'create', '--trigger-def', 'triggers/greet.ts', '--app', appId, '--json'], { home, cwd: root, env });
    expect(trigger.code, trigger.stderr).toBe(0);
    expect(JSON.parse(trigger.stdout)).toMatchObject({
      type: 'shortcut',
      name: 'Greet me',
      workflow: { callback_id: 'greet_workflow', app_id: appId },
    });
  });

  it('a project that pins another SDK version is built with npm’s copy, and the deploy says so naming both', async () => {
    const root = officialProject('2.14.0', '2.7.0');
    const env = { PATH: `${dirname(process.execPath)}${delimiter}/usr/bin${delimiter}/bin` };
    const r = await runRosi(['deploy', '--dry-run'], { home, cwd: root, env, timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('The project pins deno_slack_sdk@2.14.0, but the functions are built with deno_slack_sdk 2.15.1 from @slack/deno-slack-sdk');
    expect(r.stderr).toContain('The project pins deno_slack_api@2.7.0, but the functions are built with deno_slack_api 2.8.0 from @slack/deno-slack-sdk');
  });
});
