import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { CliError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';

/**
 * One app entry of `.slack/apps.json` or `.slack/apps.dev.json` (contract §4.2). Loose:
 * the official CLI adds fields over time, and rosi must keep reading its files.
 */
export const ProjectAppEntry = z.looseObject({
  app_id: z.string(),
  team_id: z.optional(z.string()),
  team_domain: z.optional(z.string()),
  enterprise_id: z.optional(z.string()),
  user_id: z.optional(z.string()),
});
export type ProjectAppEntry = z.infer<typeof ProjectAppEntry>;

/** `.slack/apps.json`: deployed apps keyed by team ID, plus the legacy `default`. */
export const AppsFile = z.looseObject({
  apps: z.optional(z.record(z.string(), ProjectAppEntry)),
  default: z.optional(z.string()),
});
export type AppsFile = z.infer<typeof AppsFile>;

/** `.slack/apps.dev.json`: local (`run`) apps keyed by team ID, with no wrapper object. */
export const DevAppsFile = z.record(z.string(), ProjectAppEntry);
export type DevAppsFile = z.infer<typeof DevAppsFile>;

export interface ProjectApp extends ProjectAppEntry {
  environment: 'deployed' | 'local';
}

export function appsFilePath(cwd: string): string {
  return join(cwd, '.slack', 'apps.json');
}

export function devAppsFilePath(cwd: string): string {
  return join(cwd, '.slack', 'apps.dev.json');
}

/** Reads `.slack/apps.json`; a missing or empty file has no apps. */
export async function readAppsFile(cwd: string): Promise<AppsFile> {
  return (await readProjectFile(appsFilePath(cwd), AppsFile)) ?? {};
}

/** Reads `.slack/apps.dev.json`; a missing or empty file has no apps. */
export async function readDevAppsFile(cwd: string): Promise<DevAppsFile> {
  return (await readProjectFile(devAppsFilePath(cwd), DevAppsFile)) ?? {};
}

/** Deployed apps, then local ones, as the project in `cwd` records them. */
export async function readProjectApps(cwd: string): Promise<ProjectApp[]> {
  const [deployed, local] = await Promise.all([readAppsFile(cwd), readDevAppsFile(cwd)]);
  return [
    ...Object.values(deployed.apps ?? {}).map((a): ProjectApp => ({ ...a, environment: 'deployed' })),
    ...Object.values(local).map((a): ProjectApp => ({ ...a, environment: 'local' })),
  ];
}

async function readProjectFile<S extends z.ZodMiniType>(file: string, schema: S): Promise<z.infer<S> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError('project_config_unreadable', `Cannot read ${file}: ${(e as Error).message}`, ExitCode.failed, { cause: e });
  }
  // The official CLI writes `{}` for a project with no apps yet; an empty file means the same.
  if (text.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw corrupt(file, `it is not valid JSON (${(e as Error).message})`, e);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw corrupt(file, `${issue?.path.join('.') || 'the top level'}: ${issue?.message ?? 'unexpected shape'}`);
  }
  return parsed.data;
}

function corrupt(file: string, why: string, cause?: unknown): CliError {
  return new CliError('project_config_corrupt', `The project file ${file} is damaged: ${why}`, ExitCode.failed, {
    hint: 'rosi left it untouched. Fix it by hand, or move it aside and deploy again.',
    cause,
  });
}
