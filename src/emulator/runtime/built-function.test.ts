// Functions as apps ship them, bundled from TypeScript, run by the emulator's runtime in real Deno.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { functionPayload, standInApi, tempFolder, type StandInApi } from '../../../test/helpers/function-runtime.js';
import { describeWith } from '../../../test/helpers/system-tools.js';
import { buildApp } from '../../deploy/bundle/build.js';
import { createRuntime, type Runtime } from './index.js';

/** A project folder with these files and rosi's node_modules (where the Deno SDK is a dev dependency). */
function project(files: Record<string, string>): string {
  const root = tempFolder();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  symlinkSync(resolve('node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

const greetManifest = {
  functions: { greet: { title: 'Greet', source_file: 'functions/greet.ts', input_parameters: { properties: {} }, output_parameters: { properties: {} } } },
};

describeWith(['deno'], 'functions bundled from TypeScript', () => {
  let api: StandInApi;
  let runtime: Runtime;
  beforeEach(async () => {
    api = await standInApi();
    runtime = await createRuntime({
      deno: { explicit: process.env.ROSI_DENO, searchPath: process.env.PATH },
      dir: null,
      functionTimeoutMs: 10_000,
      maxExecutions: 1,
    });
  });
  afterEach(async () => {
    await runtime.close();
    await api.close();
  });

  const runGreet = (bundleDir: string) =>
    runtime.run({ bundleDir, payload: functionPayload({ callbackId: 'greet', apiUrl: api.apiUrl, inputs: { name: 'ada' } }), allowNet: [] });
  const outputs = () => JSON.parse(new URLSearchParams(api.calls[0]?.body).get('outputs') ?? 'null') as unknown;

  it('runs what rosi’s built-in build makes of a TypeScript function', async () => {
    const root = project({
      'functions/greet.ts': `import { greeting } from './words.ts';
        type Args = { inputs: { name: string }; env: Record<string, string> };
        export default async ({ inputs }: Args) => ({ outputs: { greeting: greeting(inputs.name) } });`,
      'functions/words.ts': 'export const greeting = (name: string): string => `hello ${name}`;',
    });
    const outDir = join(tempFolder(), 'package');
    await buildApp({ root, manifest: greetManifest, outDir, env: {} });
    const r = await runGreet(outDir);
    expect(r.error).toBeUndefined();
    expect(outputs()).toEqual({ greeting: 'hello ada' });
  });

  it('runs a SlackFunction of npm’s Deno SDK, bundled with runtime contract §7’s settings', async () => {
    const root = project({
      'functions/greet.ts': `import { DefineFunction, Schema, SlackFunction } from '@slack/deno-slack-sdk';
        export const Greet = DefineFunction({
          callback_id: 'greet',
          title: 'Greet',
          source_file: 'functions/greet.ts',
          input_parameters: { properties: { name: { type: Schema.types.string } }, required: ['name'] },
          output_parameters: { properties: { greeting: { type: Schema.types.string } }, required: ['greeting'] },
        });
        export default SlackFunction(Greet, ({ inputs, client }) => ({
          outputs: { greeting: \`hello \${inputs.name}, client \${typeof client.apps.datastore.put}\` },
        }));`,
    });
    const outDir = join(tempFolder(), 'package');
    const esbuild = await import('esbuild');
    await esbuild.build({
      entryPoints: { 'functions/greet': join(root, 'functions/greet.ts') },
      outdir: outDir,
      absWorkingDir: root,
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      external: ['node:*'],
      logLevel: 'silent',
      plugins: [denoIsTheShim],
    });
    const r = await runGreet(outDir);
    expect(r.error).toBeUndefined();
    expect(outputs()).toEqual({ greeting: 'hello ada, client function' });
  });
});

/** The SDK's Node shims resolve to Deno's own globals: inside Deno, Deno is what they imitate (§7). */
const denoIsTheShim: Plugin = {
  name: 'deno-is-the-shim',
  setup(b) {
    const stubs: Record<string, string> = {
      '@deno/shim-deno': 'export const Deno = globalThis.Deno;',
      undici: 'export const { fetch, File, FormData, Headers, Request, Response } = globalThis;',
    };
    b.onResolve({ filter: /^(@deno\/shim-deno|undici)$/ }, (args) => ({ path: args.path, namespace: 'deno-global' }));
    b.onLoad({ filter: /.*/, namespace: 'deno-global' }, (args) => ({ contents: stubs[args.path] ?? '', loader: 'js' }));
  },
};
