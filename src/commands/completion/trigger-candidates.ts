import { join, relative, sep } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Context } from '../../context/context.js';
import { isObject } from '../../lib/is-object.js';
import type { Candidate, SourceOptions } from './candidate.js';

/**
 * Trigger IDs of the app named with --app on the line, else of the project's apps, with their names as
 * descriptions. Only triggers rosi has seen (listed, created, shown) are known: a Tab press never asks
 * Slack (triggers/known-triggers.ts).
 */
export async function triggerCandidates(ctx: Context, o: SourceOptions): Promise<Candidate[]> {
  const { readKnownTriggers, knownTriggersFile } = await import('../../triggers/known-triggers.js');
  const apps = o.app ? [o.app] : await projectApps(ctx);
  const file = knownTriggersFile(ctx.paths);
  const out: Candidate[] = [];
  for (const app of apps) {
    for (const t of await readKnownTriggers(file, app)) {
      const what = t.name ?? (t.type ? `${t.type} trigger` : '');
      // With several apps, which one a trigger belongs to matters: --app must match it.
      const description = apps.length > 1 ? [what, `app ${app}`].filter(Boolean).join(', ') : what;
      out.push(description ? { value: t.id, description } : { value: t.id });
    }
  }
  return out;
}

async function projectApps(ctx: Context): Promise<string[]> {
  const { findProjectRoot } = await import('../../config/project.js');
  const root = findProjectRoot(ctx.paths.cwd, ctx.paths.home);
  if (!root) return [];
  const { projectAppCandidates } = await import('./app-candidates.js');
  return [...new Set((await projectAppCandidates(root)).map((c) => c.value))];
}

/**
 * The project's trigger definition files (hooks.json `config.trigger-paths`, else `triggers/*`), relative to
 * where the user is. The hooks file is read as it is: a `get-hooks` hook is never run on a Tab press.
 */
export async function triggerFileCandidates(ctx: Context): Promise<Candidate[]> {
  const { findProjectRoot, PROJECT_MARKERS } = await import('../../config/project.js');
  const root = findProjectRoot(ctx.paths.cwd, ctx.paths.home);
  if (!root) return [];
  const { findTriggerDefinitionFiles, triggerPaths } = await import('../../triggers/definition-files.js');
  let config: Record<string, unknown> | undefined;
  for (const marker of PROJECT_MARKERS) {
    const data = await readJson(join(root, marker));
    if (data === undefined) continue;
    config = isObject(data) && isObject(data.config) ? data.config : undefined;
    break;
  }
  const files = await findTriggerDefinitionFiles(root, triggerPaths(config));
  return files.map((f) => ({ value: fromCwd(ctx.paths.cwd, root, f) }));
}

/** A file found under the project folder as the user would type it from `cwd`. */
function fromCwd(cwd: string, root: string, file: string): string {
  if (file.startsWith('/')) return file;
  return relative(cwd, join(root, file)).split(sep).join('/');
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}
