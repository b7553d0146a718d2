import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadHooks } from './hooks.js';
import { cleanManifest, jsonErrorPosition, loadManifest } from './manifest.js';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

const env = { PATH: process.env.PATH };
const example = resolve(import.meta.dirname, '../../../examples/hello-rosi');

function project(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'rosi-manifest-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('loadManifest', () => {
  it('manifest.json', async () => {
    const root = project({ 'manifest.json': '{"display_information": {"name": "J"}}' });
    expect(await loadManifest(root, undefined, { env })).toEqual({ display_information: { name: 'J' } });
  });

  it('manifest.ts: the default export, TypeScript and relative imports with no set-up', async () => {
    const root = project({
      'manifest.ts':
        "import { name } from './names.ts';\ninterface M { display_information: { name: string } }\nconst m: M = { display_information: { name } };\nexport default m;\n",
      'names.ts': "export const name: string = 'From TS';\n",
    });
    expect(await loadManifest(root, undefined, { env })).toEqual({ display_information: { name: 'From TS' } });
  });

  it('manifest.js when there is no .ts', async () => {
    const root = project({ 'manifest.js': 'export default { display_information: { name: "JS" }, skipped: undefined, fn() {} };\n' });
    expect(await loadManifest(root, undefined, { env })).toEqual({ display_information: { name: 'JS' } });
  });

  it('manifest.json wins over manifest.ts', async () => {
    const root = project({ 'manifest.json': '{"from": "json"}', 'manifest.ts': 'export default { from: "ts" };' });
    expect(await loadManifest(root, undefined, { env })).toEqual({ from: 'json' });
  });

  it('the example app: the Deno SDK’s Manifest(), read offline through its deno.jsonc import map', async () => {
    const manifest = await loadManifest(example, undefined, { env });
    expect(manifest).toMatchObject({ display_information: { name: 'Hello Rosi' }, settings: { function_runtime: 'slack' } });
    expect(Object.keys(manifest.functions as object)).toEqual(['greet', 'daily_summary']);
    expect(manifest.functions).toMatchObject({ greet: { source_file: 'functions/greet.ts' }, daily_summary: { source_file: 'functions/daily_summary.ts' } });
    expect(Object.keys(manifest.workflows as object)).toEqual(['greet_and_remember', 'daily_summary']);
    expect(manifest.workflows).toMatchObject({
      greet_and_remember: {
        steps: [
          { id: '0', function_id: '#/functions/greet', inputs: { name: '{{inputs.name}}' } },
          { id: '1', function_id: 'slack#/functions/send_message', inputs: { channel_id: '{{inputs.channel}}', message: '{{steps.0.greeting}}' } },
        ],
      },
    });
    expect(manifest.datastores).toEqual({
      tasks: { primary_key: 'id', attributes: { id: { type: 'string' }, title: { type: 'string' }, owner: { type: 'string' }, done: { type: 'boolean' } } },
    });
  });

  it('the get-manifest hook wins; it gets --source and its answer is read from the first {', async () => {
    const root = project({
      '.slack/hooks.json': JSON.stringify({ hooks: { 'get-manifest': './m.sh' } }),
      'manifest.json': '{"from": "file"}',
      'm.sh': '#!/bin/sh\necho "Checking deps..."\necho "{\\"from\\": \\"hook\\", \\"source\\": \\"$1\\"}"\n',
    });
    chmodSync(join(root, 'm.sh'), 0o755);
    const hooks = await loadHooks(root, { env });
    expect(await loadManifest(root, hooks, { env })).toEqual({ from: 'hook', source: `--source=${root}` });
  });

  it.each([
    { name: 'no manifest at all', files: { 'x.txt': '' }, code: 'manifest_not_found', message: /No manifest found/ },
    {
      name: 'manifest.json syntax error → file:line:column',
      files: { 'manifest.json': '{\n  "a": 1,\n  "b": }\n' },
      code: 'invalid_manifest',
      message: /manifest\.json:3:8: not valid JSON/,
    },
    { name: 'manifest.json that is not an object', files: { 'manifest.json': '[1]' }, code: 'invalid_manifest', message: /is not an object/ },
    {
      name: 'manifest.ts syntax error → file:line:column',
      files: { 'manifest.ts': 'const a = 1;\nexport default { a: a, };;\nconst = 2;\n' },
      code: 'manifest_build_error',
      message: /^Cannot build manifest\.ts: manifest\.ts:3:7: /,
    },
    {
      name: 'manifest.ts without a default export',
      files: { 'manifest.ts': 'export const manifest = {};\n' },
      code: 'invalid_manifest',
      message: /manifest\.ts has no default export/,
    },
    {
      name: 'manifest.ts that throws',
      files: { 'manifest.ts': 'throw new Error("boom");\nexport default {};\n' },
      code: 'invalid_manifest',
      message: /Running manifest\.ts failed: boom/,
    },
    {
      name: 'manifest.ts with a remote import',
      files: { 'manifest.ts': 'import { Manifest } from "https://deno.land/x/deno_slack_sdk/mod.ts";\nexport default Manifest({});\n' },
      code: 'manifest_build_error',
      message: /manifest\.ts:1:26: Cannot load the remote module "https:\/\/deno\.land/,
    },
  ])('$name → $code', async ({ files, code, message }) => {
    const root = project(files);
    const error = await loadManifest(root, undefined, { env }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code });
    expect((error as Error).message).toMatch(message);
  });

  it('a remote import through the deno.json import map is named with its mapping, and a hint', async () => {
    const root = project({
      'deno.jsonc': '{\n  // the standard library\n  "imports": { "std/": "https://deno.land/std@0.224.0/", },\n}\n',
      'manifest.ts': 'import { join } from "std/path/mod.ts";\nexport default { name: join("a", "b") };\n',
    });
    const error = await loadManifest(root, undefined, { env }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('"https://deno.land/std@0.224.0/path/mod.ts" (mapped from "std/path/mod.ts")');
    expect(error).toMatchObject({ hint: expect.stringMatching(/get-manifest hook/) });
  });

  it('the Deno SDK from deno.land, as the official templates import it, is required from npm’s copy in Node', async () => {
    const root = project({
      'deno.jsonc':
        '{\n  "imports": {\n    "deno-slack-sdk/": "https://deno.land/x/deno_slack_sdk@2.15.1/",\n    "deno-slack-api/": "https://deno.land/x/deno_slack_api@2.8.0/"\n  }\n}\n',
      'manifest.ts': [
        'import { DefineFunction, Manifest, Schema } from "deno-slack-sdk/mod.ts";',
        'import { TriggerTypes } from "deno-slack-api/mod.ts";',
        'const F = DefineFunction({ callback_id: "f", title: "F", source_file: "functions/f.ts", input_parameters: { properties: { n: { type: Schema.types.string } } } });',
        'export default Manifest({ name: TriggerTypes.Shortcut, description: "d", icon: "assets/icon.png", functions: [F], botScopes: [] });',
      ].join('\n'),
    });
    const manifest = await loadManifest(root, undefined, { env });
    expect(manifest).toMatchObject({
      display_information: { name: 'shortcut' },
      functions: { f: { title: 'F', source_file: 'functions/f.ts', input_parameters: { properties: { n: { type: 'string' } } } } },
    });
  });

  it('npm’s @slack/deno-slack-sdk in a project with no node_modules comes from rosi’s copy', async () => {
    const root = project({
      'manifest.ts':
        'import { Manifest } from "@slack/deno-slack-sdk";\nexport default Manifest({ name: "n", description: "d", icon: "i.png", botScopes: [] });\n',
    });
    expect(await loadManifest(root, undefined, { env })).toMatchObject({ display_information: { name: 'n' } });
  });

  it('a deno.land SDK path npm’s copy does not have is named, with the versions', async () => {
    const root = project({
      'deno.json': JSON.stringify({ imports: { 'deno-slack-sdk/': 'https://deno.land/x/deno_slack_sdk@2.15.1/' } }),
      'manifest.ts': 'import { x } from "deno-slack-sdk/no_such_file.ts";\nexport default { x };\n',
    });
    const error = await loadManifest(root, undefined, { env }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'manifest_build_error' });
    expect((error as Error).message).toMatch(
      /"deno-slack-sdk\/no_such_file\.ts" \(https:\/\/deno\.land\/x\/deno_slack_sdk@2\.15\.1\/no_such_file\.ts\) has no counterpart in @slack\/deno-slack-sdk 2\.15\.1/,
    );
  });

  it('a get-manifest answer with no JSON shows what the hook printed', async () => {
    const root = project({ '.slack/hooks.json': JSON.stringify({ hooks: { 'get-manifest': 'echo deno: command not found' } }) });
    const hooks = await loadHooks(root, { env });
    await expect(loadManifest(root, hooks, { env })).rejects.toMatchObject({ code: 'invalid_manifest', details: [`deno: command not found --source=${root}`] });
  });
});

describe('cleanManifest', () => {
  it('drops source_file from functions, on a copy', () => {
    const manifest = { functions: { a: { title: 'A', source_file: 'functions/a.ts' }, b: { type: 'API' } } };
    expect(cleanManifest(manifest)).toEqual({ functions: { a: { title: 'A' }, b: { type: 'API' } } });
    expect(manifest.functions.a.source_file).toBe('functions/a.ts');
  });
});

describe('jsonErrorPosition', () => {
  it.each([
    { message: 'Unexpected token } in JSON at position 12', text: '{\n  "a": 1,\n}', want: { line: 3, column: 1 } },
    { message: "Expected ',' or '}' after property value in JSON at position 9 (line 2 column 4)", text: '{"a": 1\n "b"', want: { line: 2, column: 4 } },
    { message: 'Unexpected end of JSON input', text: '{\n"a":', want: { line: 2, column: 5 } },
    { message: 'something else', text: '{}', want: undefined },
  ])('$message', ({ message, text, want }) => {
    const at = jsonErrorPosition(message, text);
    expect(at && { line: at.line, column: at.column }).toEqual(want);
  });
});
