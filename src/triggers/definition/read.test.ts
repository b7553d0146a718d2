import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadHooks } from '../../deploy/bundle/hooks.js';
import { loadManifestWorkflows, manifestWorkflows } from './manifest-workflows.js';
import { readTriggerDefinition } from './read.js';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

const env = { PATH: process.env.PATH };

function project(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'rosi-trigger-def-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const read = (root: string, path: string, extra: { cwd?: string } = {}) => readTriggerDefinition(path, { cwd: extra.cwd ?? root, root, env });
const want = { type: 'shortcut', name: 'Greet', workflow: '#/workflows/greet' };

describe('readTriggerDefinition', () => {
  it('a .json file, relative to the working folder', async () => {
    const root = project({ 'triggers/greet.json': JSON.stringify(want) });
    expect(await read(root, 'greet.json', { cwd: join(root, 'triggers') })).toEqual({ definition: want, via: 'json' });
  });

  it('a .ts default export: TypeScript, relative and type-only imports, built with esbuild', async () => {
    const root = project({
      'triggers/greet.ts': [
        "import type { Trigger } from 'deno-slack-sdk/types.ts';",
        "import { WORKFLOW } from './names.ts';",
        'const trigger: Trigger = { type: "shortcut", name: "Greet", workflow: WORKFLOW, skipped: undefined, fn() {} };',
        'export default trigger;',
        '',
      ].join('\n'),
      'triggers/names.ts': "export const WORKFLOW: string = '#/workflows/greet';\n",
      'deno.jsonc': '{ "imports": { "deno-slack-sdk/": "https://deno.land/x/deno_slack_sdk@2.15.0/" } }\n',
    });
    expect(await read(root, 'triggers/greet.ts')).toEqual({ definition: want, via: 'module' });
  });

  it('a .js default export', async () => {
    const root = project({ 'triggers/greet.js': `export default ${JSON.stringify(want)};\n` });
    expect(await read(root, 'triggers/greet.js')).toEqual({ definition: want, via: 'module' });
  });

  it.each([
    {
      name: 'a missing file',
      files: {},
      path: 'triggers/nope.json',
      code: 'trigger_definition_not_found',
      message: 'Cannot read the trigger definition triggers/nope.json: no such file',
    },
    {
      name: 'a folder',
      files: { 'triggers/x/a': '' },
      path: 'triggers/x',
      code: 'invalid_trigger_definition',
      message: 'The trigger definition triggers/x is not a file',
    },
    {
      name: 'an extension rosi cannot read',
      files: { 't.yaml': 'type: shortcut' },
      path: 't.yaml',
      code: 'invalid_trigger_definition',
      message: 't.yaml is not a trigger definition file rosi can read',
    },
    {
      name: 'a .json syntax error, with line and column',
      files: { 't.json': '{\n  "type": "shortcut",\n  "name": }\n' },
      path: 't.json',
      code: 'invalid_trigger_definition',
      message: /^t\.json:3:11: not valid JSON/,
      details: ['  "name": }', '          ^'],
    },
    {
      name: 'a .json list',
      files: { 't.json': '[]' },
      path: 't.json',
      code: 'invalid_trigger_definition',
      message: 'The trigger definition in t.json is not an object (got a list)',
    },
    {
      name: 'a .ts syntax error, with file:line:column',
      files: { 'triggers/bad.ts': 'export default {\n  type: "shortcut",,\n};\n' },
      path: 'triggers/bad.ts',
      code: 'invalid_trigger_definition',
      message: /^Cannot build triggers\/bad\.ts: triggers\/bad\.ts:2:20: /,
    },
    {
      name: 'a .ts value import of a remote module',
      files: { 't.ts': 'import { TriggerTypes } from "https://deno.land/x/deno_slack_api/mod.ts";\nexport default { type: TriggerTypes.Shortcut };\n' },
      path: 't.ts',
      code: 'invalid_trigger_definition',
      message: /Cannot load the remote module "https:\/\/deno\.land/,
      hint: /plain values/,
    },
    {
      name: 'a .ts with no default export',
      files: { 't.ts': 'export const trigger = {};\n' },
      path: 't.ts',
      code: 'invalid_trigger_definition',
      message: 't.ts has no default export',
    },
    {
      name: 'a .js that throws',
      files: { 't.js': 'throw new Error("boom");\n' },
      path: 't.js',
      code: 'invalid_trigger_definition',
      message: 'Running t.js failed: boom',
    },
    {
      name: 'a .js whose default export is a string',
      files: { 't.js': 'export default "shortcut";\n' },
      path: 't.js',
      code: 'invalid_trigger_definition',
      message: 'The trigger definition in t.js is not an object (got string)',
    },
  ])('$name → exit 2, $code', async ({ files, path, code, message, details, hint }) => {
    const root = project(files);
    const error = await read(root, path).catch((e: unknown) => e);
    expect(error).toMatchObject({ code, exitCode: 2 });
    if (typeof message === 'string') expect((error as Error).message).toBe(message);
    else expect((error as Error).message).toMatch(message);
    if (details) expect(error).toMatchObject({ details });
    if (hint) expect(error).toMatchObject({ hint: expect.stringMatching(hint) });
  });

  it('the get-trigger hook reads a .ts file, given --source relative to the project; its answer is the first JSON object', async () => {
    const root = project({
      '.slack/hooks.json': JSON.stringify({ hooks: { 'get-trigger': './get-trigger.sh' } }),
      'triggers/greet.ts': 'this is not TypeScript rosi could build',
      'get-trigger.sh': `#!/bin/sh\necho "Checking deps..."\necho '{"type": "shortcut", "name": "From hook", "source": "'"$1"'"}'\n`,
    });
    chmodSync(join(root, 'get-trigger.sh'), 0o755);
    const hooks = await loadHooks(root, { env });
    const result = await readTriggerDefinition('triggers/greet.ts', { cwd: root, root, hooks, env });
    expect(result).toEqual({ definition: { type: 'shortcut', name: 'From hook', source: '--source=triggers/greet.ts' }, via: 'hook' });
  });

  it('a .json file is read by rosi even with a get-trigger hook', async () => {
    const root = project({
      '.slack/hooks.json': JSON.stringify({ hooks: { 'get-trigger': 'exit 3' } }),
      't.json': JSON.stringify(want),
    });
    const hooks = await loadHooks(root, { env });
    expect(await readTriggerDefinition('t.json', { cwd: root, root, hooks, env })).toEqual({ definition: want, via: 'json' });
  });

  it('a get-trigger answer with no JSON shows what the hook printed', async () => {
    const root = project({ '.slack/hooks.json': JSON.stringify({ hooks: { 'get-trigger': 'echo deno: command not found' } }), 't.ts': '' });
    const hooks = await loadHooks(root, { env });
    await expect(readTriggerDefinition('t.ts', { cwd: root, root, hooks, env })).rejects.toMatchObject({
      code: 'invalid_trigger_definition',
      exitCode: 2,
      message: 'The get-trigger hook gave no trigger definition for t.ts',
      details: ['deno: command not found --source=t.ts'],
    });
  });
});

describe('manifest workflows', () => {
  it('callback IDs and input parameters, read leniently', () => {
    const manifest = {
      workflows: {
        greet: { input_parameters: { properties: { channel: { type: 'slack#/types/channel_id' }, note: { type: 'string' } }, required: ['channel'] } },
        bare: { title: 'No inputs' },
        odd: { input_parameters: { properties: { x: {} }, required: 'x' } },
      },
    };
    expect(manifestWorkflows(manifest)).toEqual([
      {
        callbackId: 'greet',
        inputs: [
          { name: 'channel', type: 'slack#/types/channel_id', required: true },
          { name: 'note', type: 'string', required: false },
        ],
      },
      { callbackId: 'bare', inputs: [], title: 'No inputs' },
      { callbackId: 'odd', inputs: [{ name: 'x', type: 'unknown', required: false }] },
    ]);
    expect(manifestWorkflows({})).toEqual([]);
  });

  it('from the project manifest, as deploy loads it (manifest.ts)', async () => {
    const root = project({
      'manifest.ts':
        'export default { workflows: { tick: { input_parameters: { properties: { at: { type: "slack#/types/timestamp" } }, required: ["at"] }, steps: [] } } };\n',
    });
    expect(await loadManifestWorkflows(root, undefined, { env })).toEqual([
      { callbackId: 'tick', inputs: [{ name: 'at', type: 'slack#/types/timestamp', required: true }] },
    ]);
  });
});
