import * as z from 'zod/mini';
import type { Context } from '../../context/context.js';
import { UsageError } from '../../errors/cli-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { RawInput } from '../../kit/define-command.js';
import { parseOptions } from '../../kit/parse-options.js';
import { shellWord } from '../../lib/shell-word.js';
import { runProgram } from './exec-child.js';
import { deployProject, forgetEmulatorApps, projectToDeploy } from './exec-deploy.js';
import { execEnv, makeExecFolder, writeLogin, type ExecFolder, type SignedIn } from './exec-folder.js';
import { emulatorOptionShape, launchEmulator, resolveDataDir, type Launched } from './launch.js';
import { exportOnExit, seedFromFlag } from './state-flags.js';

const Options = z.object({
  ...emulatorOptionShape,
  deploy: z.optional(z.boolean()),
  json: z.optional(z.boolean()),
});
type Options = z.infer<typeof Options> & { command: string[] };

const EXAMPLE = 'rosi emulator exec --deploy -- npm test';

export function parse(raw: RawInput): Options {
  const o = parseOptions(Options, raw);
  if (o.json) {
    throw new UsageError('rosi emulator exec has no --json: its stdout is the command’s', {
      code: 'invalid_flags',
      hint: 'Leave --json out, or give it to the command, after --.',
    });
  }
  const words = raw.args.command;
  if (raw.afterDashDash === undefined && Array.isArray(words) && words.length) {
    throw new UsageError(`Put -- before the command to run: rosi emulator exec [flags] -- ${words.map(shellWord).join(' ')}`, {
      code: 'missing_dash_dash',
      hint: `Everything after -- is the command, word for word, e.g. ${EXAMPLE}`,
    });
  }
  if (o.seed !== undefined && !o.deploy && o.manifest === undefined) {
    throw new UsageError('--seed needs --deploy (or --manifest <file>): the datastores it fills are those of the app', {
      code: 'mismatched_flags',
      hint: `Deploy the project first: rosi emulator exec --deploy --seed ${shellWord(o.seed)} -- <command>`,
    });
  }
  const command = raw.afterDashDash ?? [];
  if (!command.length || command[0] === '') {
    throw new UsageError('rosi emulator exec needs a command to run, after --', { code: 'missing_command', hint: `For example: ${EXAMPLE}` });
  }
  return { ...o, command };
}

export async function run(ctx: Context, o: Options): Promise<number> {
  // Both checked before anything starts: a mistake costs no emulator.
  const root = o.deploy ? projectToDeploy(ctx) : undefined;
  const chosenDataDir = o.inMemory || o.ephemeral || o.dataDir !== undefined ? resolveDataDir(ctx, o) : undefined;
  const folder = await makeExecFolder();
  try {
    const launched = await launchEmulator(ctx, { ...o, port: o.port ?? 0 }, chosenDataDir === undefined ? folder.dataDir : chosenDataDir);
    return await runAgainst(ctx, o, launched, folder, root, chosenDataDir === undefined);
  } finally {
    await folder
      .remove()
      .catch((e: unknown) => ctx.io.warn(`Could not remove the temporary folder ${folder.root}: ${e instanceof Error ? e.message : String(e)}`));
  }
}

/** Signs in, deploys when asked, runs the command; the emulator stops whatever happens. */
async function runAgainst(
  ctx: Context,
  o: Options,
  { emu, d }: Launched,
  folder: ExecFolder,
  root: string | undefined,
  temporaryDataDir: boolean,
): Promise<number> {
  let deployed = false;
  try {
    const signedIn: SignedIn = { ...emu.signIn(), teamDomain: emu.team.domain, url: emu.url };
    await writeLogin(ctx, folder.configDir, signedIn);
    const env = { ...callerEnv(ctx), ...execEnv(signedIn, folder.configDir, undefined) };
    // Off a terminal (CI) the command leads a process group of its own, so nothing it starts outlives it.
    const ownGroup = ctx.platform !== 'win32' && !ctx.io.isStdinTTY && !ctx.io.isStdoutTTY && !ctx.io.isStderrTTY;
    let appId: string | undefined;
    if (root !== undefined) {
      if (emu.deno.path === null) ctx.io.warn(`${emu.deno.reason}: the app’s functions will not run; to run them, ${d.DENO_FIX}.`);
      deployed = true;
      const done = await deployProject(ctx, { root, url: emu.url, teamId: signedIn.teamId, env, ownGroup, verbose: o.verbose === true }, o.command);
      if ('interrupted' in done) return done.interrupted;
      appId = done.appId;
    }
    // Once the app and its datastores exist: the deployed app, else --manifest's.
    const seeded = appId ?? emu.appId;
    if (seeded) await seedFromFlag(ctx, { emu, d }, o, seeded);
    if (ctx.signal.aborted) return ExitCode.interrupted;
    if (ctx.io.isStderrTTY || o.verbose) {
      ctx.io.info(`Emulator at ${emu.url} (team ${signedIn.teamId}${appId ? `, app ${appId}` : ''}); running ${o.command.map(shellWord).join(' ')}`);
    }
    return await runProgram({
      argv: o.command,
      env: { ...env, ...execEnv(signedIn, folder.configDir, appId) },
      cwd: ctx.paths.cwd,
      stdio: 'inherit',
      ownGroup,
      signal: ctx.signal,
    });
  } finally {
    // Before the emulator closes, whatever the command did; a failed export is rosi's failure (exit 1), after the teardown.
    const exported = await exportOnExit(ctx, { emu, d }, o, temporaryDataDir).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (deployed && root !== undefined) {
      await forgetEmulatorApps(root, emu.url).catch((e: unknown) =>
        ctx.io.warn(`Could not forget the emulator’s app in ${root}/.slack/apps.json: ${e instanceof Error ? e.message : String(e)}`),
      );
    }
    await emu.close().catch((e: unknown) => ctx.io.warn(`The emulator did not stop cleanly: ${e instanceof Error ? e.message : String(e)}`));
    if (exported !== undefined) throw exported;
  }
}

/** The caller's environment, as the command inherits it. */
function callerEnv(ctx: Context): Record<string, string> {
  return Object.fromEntries(Object.entries(ctx.env).filter((e): e is [string, string] => e[1] !== undefined));
}
