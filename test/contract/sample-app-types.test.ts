import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// examples/hello-rosi is written as Slack's Deno templates write an app, and a user checks it with `deno check`.
// Offline there is no deno.land, so the check here compiles it against the same SDK's types from npm's
// @slack/deno-slack-sdk (the copy rosi's build bundles), through the paths its deno.jsonc import map names.
const ROOT = join(import.meta.dirname, '..', '..');
const SAMPLE = join(ROOT, 'examples', 'hello-rosi');
const SDK = join(dirname(dirname(createRequire(import.meta.url).resolve('@slack/deno-slack-sdk'))), 'esm');
/** The deno_slack_api the package vendors (`deps/deno.land/x/deno_slack_api@<version>`). */
const API = join(SDK, 'deps', 'deno.land', 'x', readdirSync(join(SDK, 'deps', 'deno.land', 'x')).find((d) => d.startsWith('deno_slack_api@')) ?? 'missing');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('examples/hello-rosi against the Deno SDK’s types', () => {
  it('every .ts file compiles: functions, workflows, datastore, manifest and typed triggers', () => {
    const files = sources(SAMPLE);
    expect(files.map((f) => relative(SAMPLE, f)).sort()).toContain('triggers/greet_webhook.ts');
    const program = ts.createProgram(files, {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      strict: true,
      noEmit: true,
      allowImportingTsExtensions: true,
      skipLibCheck: true,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
      types: [],
      paths: {
        'deno-slack-sdk/*': [`${SDK}/*`],
        'deno-slack-api/*': [`${API}/*`],
      },
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file ? relative(SAMPLE, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(problems).toEqual([]);
    // The SDK's declarations were found, not skipped as unresolved.
    expect(program.getSourceFiles().some((f) => f.fileName.startsWith(SDK))).toBe(true);
  });
});
