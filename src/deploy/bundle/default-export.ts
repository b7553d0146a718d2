import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuildFailure } from 'esbuild';
import { findNpmSdk } from './deno-sdk.js';
import { denoResolvePlugin, isBuildFailure, readImportMap } from './esbuild-support.js';

/**
 * What evaluating a project's `.ts`/`.js` file came to. Each caller turns the failures into
 * its own error (a manifest fails a deploy; a trigger file is bad input), so none is thrown here.
 */
export type DefaultExportResult =
  | { kind: 'loaded'; value: unknown }
  | { kind: 'build-failed'; failure: BuildFailure }
  | { kind: 'threw'; error: unknown }
  | { kind: 'no-default' };

/**
 * The default export of `file`, bundled with esbuild into a temporary CommonJS file and
 * required: TypeScript and relative imports work with no set-up, bare specifiers go through
 * the project's Deno import map, and remote imports (`https:`/`npm:`/`jsr:`) fail the build,
 * because rosi never downloads code, except the Deno SDK's deno.land modules, which are
 * required from npm's `@slack/deno-slack-sdk` (deno-sdk.ts).
 *
 * @param root the project folder: esbuild's working directory and where the import map is read.
 */
export async function loadDefaultExport(root: string, file: string): Promise<DefaultExportResult> {
  const esbuild = await import('esbuild');
  const importMap = await readImportMap(root);
  const dir = await mkdtemp(join(tmpdir(), 'rosi-module-'));
  const outfile = join(dir, 'module.cjs');
  try {
    try {
      await esbuild.build({
        entryPoints: [file],
        absWorkingDir: root,
        bundle: true,
        format: 'cjs',
        platform: 'node',
        target: 'node20',
        outfile,
        write: true,
        logLevel: 'silent',
        // The SDK from npm's CommonJS build, required where it is installed: Node runs it as it is.
        plugins: [denoResolvePlugin({ importMap, remote: 'error', sdk: { copy: findNpmSdk(root), tree: 'script' } })],
      });
    } catch (e) {
      if (isBuildFailure(e)) return { kind: 'build-failed', failure: e };
      throw e;
    }
    let loaded: Record<string, unknown>;
    try {
      // createRequire rather than import(): the CLI ships as CommonJS, where import() of a file is not available.
      loaded = createRequire(outfile)(outfile) as Record<string, unknown>;
    } catch (e) {
      return { kind: 'threw', error: e };
    }
    return 'default' in loaded ? { kind: 'loaded', value: loaded.default } : { kind: 'no-default' };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
