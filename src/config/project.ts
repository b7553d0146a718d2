import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import * as z from 'zod/mini';
import { CliError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { fsReason } from '../lib/fs-error.js';

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

/** A first deploy that asked for `apps.manifest.create` and has not yet heard that it worked. */
export const PendingCreate = z.looseObject({ app_name: z.string(), started_at: z.string() });
export type PendingCreate = z.infer<typeof PendingCreate>;

const ByHostAndTeam = <T extends z.ZodMiniType>(entry: T) => z.optional(z.record(z.string(), z.record(z.string(), entry)));

/**
 * rosi's own part of `.slack/apps.json`, under a key the official CLI does not read: the
 * apps by API host, then team ID (two hosts can both have a team T0…), and creates whose
 * answer never came. The official CLI drops the key when it rewrites the file; rosi then
 * falls back to `apps`.
 */
export const RosiAppsSection = z.looseObject({ apps: ByHostAndTeam(ProjectAppEntry), pending: ByHostAndTeam(PendingCreate) });
export type RosiAppsSection = z.infer<typeof RosiAppsSection>;

/** `.slack/apps.json`: deployed apps keyed by team ID, plus the legacy `default` and rosi's section. */
export const AppsFile = z.looseObject({
  apps: z.optional(z.record(z.string(), ProjectAppEntry)),
  default: z.optional(z.string()),
  rosi: z.optional(RosiAppsSection),
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

/**
 * Reads `.slack/apps.json`; a missing or empty file has no apps; a damaged one is a CliError
 * `project_config_corrupt` (exit 2) naming the file, so an update never overwrites it.
 */
export async function readAppsFile(cwd: string): Promise<AppsFile> {
  return (await readProjectFile(appsFilePath(cwd), AppsFile, APPS_FILE_RULES)) ?? {};
}

/** Reads `.slack/apps.dev.json`; a missing or empty file has no apps. */
export async function readDevAppsFile(cwd: string): Promise<DevAppsFile> {
  return (await readProjectFile(devAppsFilePath(cwd), DevAppsFile, APPS_FILE_RULES)) ?? {};
}

/** Deployed apps, then local ones, as the project in `cwd` records them. */
export async function readProjectApps(cwd: string): Promise<ProjectApp[]> {
  const [deployed, local] = await Promise.all([readAppsFile(cwd), readDevAppsFile(cwd)]);
  return [
    ...Object.values(deployed.apps ?? {}).map((a): ProjectApp => ({ ...a, environment: 'deployed' })),
    ...Object.values(local).map((a): ProjectApp => ({ ...a, environment: 'local' })),
  ];
}

/** How a project file is read: whether an empty file counts as absent, and what to say when it is damaged. */
export interface ProjectFileRules {
  emptyIsAbsent?: boolean;
  hint?: string;
}

/**
 * A project file checked against its schema; undefined when it does not exist (or is empty,
 * where the rules allow). A file that does not parse or fit is `project_config_corrupt`, exit 2.
 */
export async function readProjectFile<S extends z.ZodMiniType>(file: string, schema: S, rules: ProjectFileRules = {}): Promise<z.infer<S> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError('project_config_unreadable', `Cannot read ${file}: ${fsReason(e)}`, ExitCode.failed, { cause: e });
  }
  if (rules.emptyIsAbsent && text.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw corrupt(file, `it is not valid JSON (${(e as Error).message})`, rules.hint, e);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw corrupt(file, `${issue?.path.join('.') || 'the top level'}: ${issue?.message ?? 'unexpected shape'}`, rules.hint);
  }
  return parsed.data;
}

// The official CLI writes `{}` for a project with no apps yet; an empty file means the same.
const APPS_FILE_RULES: ProjectFileRules = { emptyIsAbsent: true, hint: 'rosi left it untouched. Fix it by hand, or move it aside and deploy again.' };

function corrupt(file: string, why: string, hint: string | undefined, cause?: unknown): CliError {
  return new CliError('project_config_corrupt', `The project file ${file} is damaged: ${why}`, ExitCode.usage, { hint, cause });
}

/** The files that make a folder a project, in the order they are looked for (contract §4.1). */
export const PROJECT_MARKERS = [join('.slack', 'hooks.json'), join('.slack', 'slack.json'), 'slack.json'] as const;

/**
 * The project folder that contains `cwd`: the nearest folder, walking up, with
 * `.slack/hooks.json` (or the legacy `.slack/slack.json` or `slack.json`). The walk stops
 * after `home` or at the filesystem root; `home` itself can be a project.
 *
 * @returns the project's absolute path, or undefined when there is none.
 * @throws CliError `cli_config_location_error` (exit 2) when the nearest candidate has only
 *   the unsupported `.slack/cli.json`.
 */
export function findProjectRoot(cwd: string, home: string): string | undefined {
  const stop = resolve(home);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (PROJECT_MARKERS.some((m) => existsSync(join(dir, m)))) return dir;
    if (existsSync(join(dir, '.slack', 'cli.json'))) {
      throw new CliError('cli_config_location_error', `The .slack/cli.json configuration file in ${dir} is not supported`, ExitCode.usage, {
        hint: 'Move .slack/cli.json to .slack/hooks.json and try again.',
      });
    }
    if (dir === stop || dir === dirname(dir)) return undefined;
  }
}

/** The `.slack/.gitignore` the official CLI writes: local-run apps and the cache stay out of git. */
export const SLACK_DIR_GITIGNORE = 'apps.dev.json\ncache/\n';

/**
 * Makes sure `<root>/.slack/` exists and, like the official CLI, holds a `.gitignore` for
 * the files that are personal to one machine. An existing `.gitignore` is left alone.
 */
export async function ensureProjectDir(root: string): Promise<void> {
  const dir = join(root, '.slack');
  await mkdir(dir, { recursive: true });
  try {
    await writeFile(join(dir, '.gitignore'), SLACK_DIR_GITIGNORE, { flag: 'wx', mode: 0o644 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}
