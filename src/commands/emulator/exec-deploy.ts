import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
// The Node that runs rosi runs its deploy too; nothing ambient is read from here.
import { execPath } from 'node:process';
import { normalizeApiHost } from '../../config/api-host.js';
import { forgetDeployedApps, projectAppFor } from '../../config/deployed-apps.js';
import { findProjectRoot } from '../../config/project.js';
import type { Context } from '../../context/context.js';
import { CliError, UsageError } from '../../errors/cli-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import { shellWord } from '../../lib/shell-word.js';
import { runProgram } from './exec-child.js';

/*
 * `rosi emulator exec --deploy` runs `rosi deploy` itself, as a child process with the environment the
 * command gets. That is the deploy a CI job would run, byte for byte: the same build, hooks, output and
 * errors, and the same way of finding the token and host (ROSI_TOKEN, ROSI_APIHOST) the command then uses.
 * In-process it would need a second Context (its token, host and credentials are fixed when it is made,
 * and only the runner makes one) or deploy's code moved out of its command; a child costs one Node start.
 *
 * The deploy records the app in the project's .slack/apps.json, under the emulator's URL: that is how
 * rosi commands run by the command find the app with no flags. The emulator is gone when exec ends, so
 * exec then forgets what was recorded for its URL, and the project's files are as they were (only a
 * .slack/.gitignore, which every deploy makes, may stay).
 */

/** The project the deploy builds: the one the current folder is in. */
export function projectToDeploy(ctx: Context): string {
  const root = findProjectRoot(ctx.paths.cwd, ctx.paths.home);
  if (root) return root;
  throw new UsageError(`--deploy deploys the project in this folder, and ${ctx.paths.cwd} is not inside a Slack project`, {
    code: 'invalid_app_directory',
    hint: 'Run rosi emulator exec --deploy in a project: a folder with .slack/hooks.json (see examples/hello-rosi), or leave --deploy out.',
  });
}

export interface DeployRun {
  root: string;
  /** The emulator's URL. */
  url: string;
  teamId: string;
  env: Readonly<Record<string, string>>;
  ownGroup: boolean;
  verbose: boolean;
}

/** The outcome of the deploy: the app's ID, or the exit code of a deploy an interrupt stopped. */
export type Deployed = { appId: string } | { interrupted: number };

/**
 * Deploys the project to the emulator with `rosi deploy`, its progress on stderr (its result too: stdout is
 * the command's), and answers the app's ID as the deploy recorded it.
 *
 * @throws CliError `deploy_failed` when the deploy failed (its own error printed above), `app_not_recorded`
 *   when it succeeded but recorded no app.
 */
export async function deployProject(ctx: Context, d: DeployRun, command: readonly string[]): Promise<Deployed> {
  const flags = ['--hide-triggers', '--no-prompt', ...(d.verbose ? ['--verbose'] : [])];
  const code = await runProgram({
    argv: [execPath, rosiLauncher(), 'deploy', ...flags],
    env: d.env,
    cwd: ctx.paths.cwd,
    stdio: ['ignore', 'pipe', 'inherit'],
    ownGroup: d.ownGroup,
    signal: ctx.signal,
    started: (child) => {
      child.stdout?.setEncoding('utf8');
      child.stdout?.on('data', (chunk: string) => ctx.io.err(chunk));
    },
  });
  if (ctx.signal.aborted) return { interrupted: code === ExitCode.ok ? ExitCode.interrupted : code };
  if (code !== ExitCode.ok) {
    throw new CliError(
      'deploy_failed',
      `The deploy to the emulator failed (rosi deploy exited ${code}), so ${command.map(shellWord).join(' ')} did not run`,
      ExitCode.failed,
      {
        hint: 'Its error is above. Fix it and run this again; `rosi deploy --dry-run` checks the build alone.',
      },
    );
  }
  const appId = await projectAppFor(d.root, { host: normalizeApiHost(d.url), team: d.teamId }, undefined);
  if (appId === undefined) {
    throw new CliError(
      'app_not_recorded',
      `rosi deploy succeeded but recorded no app for the emulator in ${join(d.root, '.slack', 'apps.json')}`,
      ExitCode.failed,
      {
        hint: 'This is a bug in rosi. Re-run with --verbose and report what it prints.',
      },
    );
  }
  return { appId };
}

/** Forgets what deploys to the emulator recorded in the project (see above). */
export function forgetEmulatorApps(root: string, url: string): Promise<void> {
  return forgetDeployedApps(root, normalizeApiHost(url));
}

/**
 * rosi's launcher, bin/rosi.js: the bundle runs as dist/main.cjs (its __dirname is dist/), the sources
 * from src/commands/emulator/; either way it is the first bin/rosi.js above.
 */
export function rosiLauncher(): string {
  let dir = typeof __dirname === 'string' ? __dirname : '';
  for (;;) {
    const candidate = join(dir, 'bin', 'rosi.js');
    if (dir && existsSync(candidate)) return candidate;
    if (!dir || dirname(dir) === dir) throw new CliError('rosi_not_found', 'Cannot find rosi’s own bin/rosi.js to run rosi deploy', ExitCode.failed);
    dir = dirname(dir);
  }
}
