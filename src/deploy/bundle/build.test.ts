import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CancelledError } from '../../errors/cli-error.js';
import { buildApp, type BuildEvent } from './build.js';
import { loadHooks } from './hooks.js';
import { cleanManifest, loadManifest } from './manifest.js';
import { walk } from '../package/walk.js';

const example = resolve(import.meta.dirname, '../../../examples/hello-rosi');
const env = { PATH: process.env.PATH };
const cleanup: string[] = [];
afterEach(() => {
  for (const d of cleanup.splice(0)) rmSync(d, { recursive: true, force: true });
});

function temp(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  cleanup.push(d);
  return d;
}

function project(files: Record<string, string>): string {
  const root = temp('rosi-build-src-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

async function listing(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of walk(dir)) out.push(e.rel);
  return out;
}

const fn = (source: string) => ({ functions: { f: { source_file: source } } });

describe('buildApp: the built-in build of examples/hello-rosi', () => {
  it('bundles each function, writes manifest.json, copies assets minus .slackignore, never .env', async () => {
    const manifest = await loadManifest(example, undefined, { env });
    const outDir = join(temp('rosi-build-out-'), 'package');
    const events: BuildEvent[] = [];
    const result = await buildApp({ root: example, manifest, outDir, env, onProgress: (e) => events.push(e) });

    expect(await listing(outDir)).toEqual(['assets/icon.png', 'functions/daily_summary.js', 'functions/greet.js', 'manifest.json']);
    expect(result).toMatchObject({ method: 'builtin', outDir, assets: ['assets/icon.png'], files: 4 });
    expect(result.functions.map((f) => [f.callbackId, f.sourceFile, f.outFile])).toEqual([
      ['greet', 'functions/greet.ts', 'functions/greet.js'],
      ['daily_summary', 'functions/daily_summary.ts', 'functions/daily_summary.js'],
    ]);
    expect(JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8'))).toEqual(cleanManifest(manifest));
    expect(readFileSync(join(outDir, 'assets/icon.png'))).toEqual(readFileSync(join(example, 'assets/icon.png')));
    // The sample imports the SDK through its deno.jsonc import map, as Slack's templates do: served from npm's copy.
    expect(events.map((e) => e.type)).toEqual([
      'bundle-start',
      'sdk-substituted',
      'sdk-substituted',
      'function-bundled',
      'function-bundled',
      'manifest-written',
      'assets-copied',
      'checked',
    ]);
    for (const file of await listing(outDir)) expect(readFileSync(join(outDir, file), 'latin1')).not.toContain('do-not-ship');
  });

  it('each bundle stands alone for Deno: the SDK and the datastore definition inlined, only node: built-ins left to load', async () => {
    const manifest = await loadManifest(example, undefined, { env });
    const outDir = temp('rosi-build-out-');
    await buildApp({ root: example, manifest, outDir, env });
    for (const name of ['greet', 'daily_summary']) {
      const out = readFileSync(join(outDir, `functions/${name}.js`), 'utf8');
      const imports = [...out.matchAll(/^import\b[^;]*?from "([^"]+)";$/gm)].map((m) => m[1]);
      expect(imports.length, name).toBeGreaterThan(0);
      for (const spec of imports) expect(spec, name).toMatch(/^node:/);
      expect(out, name).toContain('name: "tasks"');
      expect(out, name).toMatch(/^export \{[^}]*\bas default\b[^}]*\};$/m);
    }
    expect(readFileSync(join(outDir, 'functions/greet.js'), 'utf8')).toContain('A name is needed');
  });

  it('a TypeScript syntax error names file:line:column', async () => {
    const root = temp('rosi-build-src-');
    cpSync(example, root, { recursive: true });
    // The manifest imports the function's definition, so it is read before the function breaks.
    const manifest = await loadManifest(root, undefined, { env });
    writeFileSync(join(root, 'functions/greet.ts'), 'export default async function greet() {\n  const x = ;\n}\n');
    const error = await buildApp({ root, manifest, outDir: temp('rosi-build-out-'), env }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'function_build_error' });
    expect((error as Error).message).toBe('Cannot bundle a function: functions/greet.ts:2:13: Unexpected ";"');
    expect((error as { details: string[] }).details).toContain('      const x = ;');
  });
});

describe('buildApp: imports', () => {
  it('npm:, jsr:, https: and node: imports stay external; import-map entries resolve like Deno', async () => {
    const root = project({
      'deno.json': JSON.stringify({ imports: { 'std/': 'https://deno.land/std@0.224.0/', '@lib/': './lib/' } }),
      'lib/util.ts': 'export const twice = (n: number) => n * 2;\n',
    });
    writeFileSync(
      join(root, 'f.ts'),
      [
        'import chunk from "npm:lodash.chunk@4";',
        'import { assert } from "jsr:@std/assert";',
        'import { join } from "std/path/mod.ts";',
        'import { randomUUID } from "node:crypto";',
        'import { twice } from "@lib/util.ts";',
        'export default async () => ({ outputs: { n: twice(chunk([1]).length), a: assert, d: join, id: randomUUID() } });',
      ].join('\n'),
    );
    const outDir = temp('rosi-build-out-');
    await buildApp({ root, manifest: fn('f.ts'), outDir, env });
    const out = readFileSync(join(outDir, 'functions/f.js'), 'utf8');
    for (const spec of ['npm:lodash.chunk@4', 'jsr:@std/assert', 'https://deno.land/std@0.224.0/path/mod.ts', 'node:crypto']) {
      expect(out).toContain(`from "${spec}"`);
    }
    expect(out).toContain('n * 2');
  });
});

describe('buildApp: the Deno SDK', () => {
  const officialMap = (sdk: string, api = '2.8.0') =>
    JSON.stringify({
      imports: { 'deno-slack-sdk/': `https://deno.land/x/deno_slack_sdk@${sdk}/`, 'deno-slack-api/': `https://deno.land/x/deno_slack_api@${api}/` },
    });
  const slackFunction = (from: string) =>
    [
      `import { DefineFunction, Schema, SlackFunction } from "${from}";`,
      'const F = DefineFunction({ callback_id: "f", title: "F", source_file: "f.ts", input_parameters: { properties: { n: { type: Schema.types.string } } } });',
      'export default SlackFunction(F, ({ client }) => ({ outputs: { put: typeof client.apps.datastore.put } }));',
    ].join('\n');
  const events = () => {
    const seen: BuildEvent[] = [];
    return { seen, onProgress: (e: BuildEvent) => seen.push(e) };
  };
  const substitutions = (seen: BuildEvent[]) => seen.flatMap((e) => (e.type === 'sdk-substituted' ? [e.substitution] : []));
  // What the bundle leaves for Deno to load: its top-level import statements.
  const imports = (out: string) => [...out.matchAll(/^(?:import|export)\b[^;]*?(?:from )?"([^"]+)";$/gm)].map((m) => m[1]).sort();

  it('npm’s @slack/deno-slack-sdk: the dnt shims become Deno’s globals, node: imports stay for Deno, nothing else is left to resolve', async () => {
    // No node_modules in the project: rosi's own copy of the SDK serves.
    const root = project({ 'f.ts': slackFunction('@slack/deno-slack-sdk') });
    const outDir = temp('rosi-build-out-');
    const { seen, onProgress } = events();
    await buildApp({ root, manifest: fn('f.ts'), outDir, env, onProgress });
    const out = readFileSync(join(outDir, 'functions/f.js'), 'utf8');
    expect(imports(out)).toEqual(['node:module', 'node:path', 'node:url']);
    expect(out).toContain('// rosi-deno-global:@deno/shim-deno');
    expect(out).toContain('// rosi-deno-global:undici');
    // The shims' own code is not in the bundle (esbuild names every file it took in a comment).
    expect(out).not.toMatch(/node_modules\/(?:undici|@deno)\/|\brequire\(/);
    expect(substitutions(seen)).toEqual([]);
  });

  it('the official import map: deno-slack-sdk/ and deno-slack-api/ come from npm’s copy, said once per module', async () => {
    const root = project({
      'deno.jsonc': officialMap('2.15.1'),
      'f.ts': `import { SlackAPI } from "deno-slack-api/mod.ts";\nimport type { Trigger } from "deno-slack-api/types.ts";\n${slackFunction('deno-slack-sdk/mod.ts')}\nexport const t: Trigger | undefined = undefined;\nexport const api = SlackAPI;`,
    });
    const outDir = temp('rosi-build-out-');
    const { seen, onProgress } = events();
    await buildApp({ root, manifest: fn('f.ts'), outDir, env, onProgress });
    const out = readFileSync(join(outDir, 'functions/f.js'), 'utf8');
    expect(imports(out)).toEqual(['node:module', 'node:path', 'node:url']);
    expect(substitutions(seen)).toEqual([
      { module: 'deno_slack_sdk', pinned: '2.15.1', used: '2.15.1', from: expect.stringMatching(/@slack\/deno-slack-sdk$/) },
      { module: 'deno_slack_api', pinned: '2.8.0', used: '2.8.0', from: expect.stringMatching(/@slack\/deno-slack-sdk$/) },
    ]);
    expect(seen.findIndex((e) => e.type === 'sdk-substituted')).toBeLessThan(seen.findIndex((e) => e.type === 'function-bundled'));
  });

  it('another pin is built with npm’s copy and reported with both versions', async () => {
    const root = project({ 'deno.jsonc': officialMap('2.14.0', '2.7.0'), 'f.ts': slackFunction('deno-slack-sdk/mod.ts') });
    const { seen, onProgress } = events();
    await buildApp({ root, manifest: fn('f.ts'), outDir: temp('rosi-build-out-'), env, onProgress });
    expect(substitutions(seen).map(({ module, pinned, used }) => ({ module, pinned, used }))).toEqual([
      { module: 'deno_slack_sdk', pinned: '2.14.0', used: '2.15.1' },
      { module: 'deno_slack_api', pinned: '2.7.0', used: '2.8.0' },
    ]);
  });

  it('a deno.land URL written in the code, with no import map, is served the same way', async () => {
    const root = project({ 'f.ts': slackFunction('https://deno.land/x/deno_slack_sdk@2.15.1/mod.ts') });
    const outDir = temp('rosi-build-out-');
    const { seen, onProgress } = events();
    await buildApp({ root, manifest: fn('f.ts'), outDir, env, onProgress });
    expect(imports(readFileSync(join(outDir, 'functions/f.js'), 'utf8'))).toEqual(['node:module', 'node:path', 'node:url']);
    expect(substitutions(seen)).toMatchObject([{ module: 'deno_slack_sdk', pinned: '2.15.1', used: '2.15.1' }]);
  });

  it('a shim a function imports itself gets Deno’s global too', async () => {
    const root = project({
      'f.ts':
        'import { fetch } from "undici";\nimport { Deno } from "@deno/shim-deno";\nexport default () => ({ outputs: { same: fetch === globalThis.fetch, deno: typeof Deno } });',
    });
    const outDir = temp('rosi-build-out-');
    await buildApp({ root, manifest: fn('f.ts'), outDir, env });
    const mod = (await import(pathToFileURL(join(outDir, 'functions/f.js')).href)) as { default: () => unknown };
    // In Node there is no Deno global: what matters is that fetch is the runtime's own.
    expect(mod.default()).toEqual({ outputs: { same: true, deno: 'undefined' } });
  });
});

describe('buildApp: manifest problems', () => {
  it.each([
    {
      name: 'no default export',
      files: { 'f.ts': 'export const f = 1;\n' },
      manifest: fn('f.ts'),
      code: 'function_no_default_export',
      message: /f\.ts \(function "f"\) has no default export/,
    },
    { name: 'no source_file', files: {}, manifest: { functions: { f: { title: 'F' } } }, code: 'invalid_manifest', message: /Function "f" has no source_file/ },
    {
      name: 'a missing source file',
      files: {},
      manifest: fn('functions/nope.ts'),
      code: 'function_source_not_found',
      message: /does not exist: functions\/nope\.ts/,
    },
    {
      name: 'a callback_id that is a path',
      files: { 'f.ts': 'export default 1' },
      manifest: { functions: { '../x': { source_file: 'f.ts' } } },
      code: 'invalid_manifest',
      message: /may hold only/,
    },
  ])('$name → $code', async ({ files, manifest, code, message }) => {
    const error = await buildApp({ root: project(files), manifest, outDir: temp('rosi-build-out-'), env }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code });
    expect((error as Error).message).toMatch(message);
  });

  it('functions of type API have no code and are skipped; no functions at all is fine', async () => {
    const outDir = temp('rosi-build-out-');
    const result = await buildApp({ root: project({}), manifest: { functions: { remote: { type: 'API', title: 'R' } } }, outDir, env });
    expect(result.functions).toEqual([]);
    expect(await listing(outDir)).toEqual(['manifest.json']);
  });

  it('an aborted build → CancelledError', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      buildApp({ root: project({ 'f.ts': 'export default 1' }), manifest: fn('f.ts'), outDir: temp('rosi-build-out-'), env, signal: controller.signal }),
    ).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('buildApp: a build hook', () => {
  function hookProject(script: string): string {
    const root = project({ '.slack/hooks.json': JSON.stringify({ hooks: { build: './build.sh' } }), 'build.sh': `#!/bin/sh\n${script}\n` });
    chmodSync(join(root, 'build.sh'), 0o755);
    return root;
  }
  const outputOf = `for a in "$@"; do case $a in --output=*) out=\${a#--output=};; esac; done`;

  it('replaces the built-in build; gets --source and --output; its output is reported', async () => {
    const root = hookProject(
      `${outputOf}\necho "building" >&2\nmkdir -p "$out/functions" && echo "export default 1" > "$out/functions/x.js" && echo '{}' > "$out/manifest.json"`,
    );
    const outDir = temp('rosi-build-out-');
    const events: BuildEvent[] = [];
    const result = await buildApp({ root, manifest: fn('missing.ts'), outDir, hooks: await loadHooks(root, { env }), env, onProgress: (e) => events.push(e) });
    expect(result).toMatchObject({ method: 'hook', functions: [], files: 2 });
    expect(await listing(outDir)).toEqual(['functions/x.js', 'manifest.json']);
    expect(events[0]).toEqual({ type: 'hook-start', command: `./build.sh --source="${root}" --output="${outDir}"` });
    expect(events).toContainEqual({ type: 'hook-output', line: 'building', stream: 'stderr' });
  });

  it('a .env the hook puts in the output is refused', async () => {
    const root = hookProject(`${outputOf}\necho "SECRET=x" > "$out/.env.production"\necho ok > "$out/manifest.json"`);
    const outDir = temp('rosi-build-out-');
    await expect(buildApp({ root, manifest: {}, outDir, hooks: await loadHooks(root, { env }), env })).rejects.toMatchObject({
      code: 'unsafe_bundle_file',
      message: 'Refusing to deploy .env.production: it is an environment file, which may hold secrets',
    });
    expect(existsSync(join(outDir, '.env.production'))).toBe(true);
  });
});
