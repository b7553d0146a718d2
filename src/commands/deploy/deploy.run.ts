import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { domainOf } from '../../auth/login.js';
import { tokenOwner } from '../../apps/requests.js';
import { selectDeployApp } from '../../apps/select-app.js';
import { clearCreatePending, markCreatePending, pendingCreate, recordDeployedApp, type AppPlace } from '../../config/deployed-apps.js';
import { findProjectRoot } from '../../config/project.js';
import type { Context } from '../../context/context.js';
import { createArchive, removeArchive, type Archive } from '../../deploy/package/archive.js';
import { buildApp } from '../../deploy/bundle/build.js';
import { NPM_SDK, sameVersion, type SdkSubstitution } from '../../deploy/bundle/deno-sdk.js';
import { loadHooks } from '../../deploy/bundle/hooks.js';
import type { ProjectHooks } from '../../deploy/bundle/run-hook.js';
import { loadManifest } from '../../deploy/bundle/manifest.js';
import { appName, hostedManifest, shipApp, type CreateHooks, type ManifestWarning } from '../../deploy/ship/ship.js';
import { CliError, UsageError } from '../../errors/cli-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { IO } from '../../io/io.js';
import { createProgress } from '../../io/progress.js';
import type { RawInput } from '../../kit/define-command.js';
import { addressOptions, forceOption } from '../../kit/global-options.js';
import { parsedFlag, parseOptions } from '../../kit/parse-options.js';
import { rerunCommand } from '../../auth/follow-up.js';
import { dashboardUrl } from '../../apps/dashboard-url.js';
import { openInBrowser } from '../../io/open-browser.js';
import { formatBytes, parseSize } from '../../lib/size.js';
import { renderDeploy, renderDryRun, type DeployResult, type DryRunResult } from './render.js';
import { mayOfferTrigger } from './offer-conditions.js';

const Size = parsedFlag(
  (s) => {
    const n = parseSize(s);
    return n !== undefined && n > 0 ? n : undefined;
  },
  (s) => `"${s}" is not a size (try 5000000, 500KB, 20MB)`,
);
const Options = z.object({
  ...addressOptions,
  ...forceOption,
  maxSize: z.optional(Size),
  dryRun: z.optional(z.boolean()),
  hideTriggers: z.optional(z.boolean()),
  watch: z.optional(z.boolean()),
  yes: z.optional(z.boolean()),
  open: z.optional(z.boolean()),
});
type Options = z.infer<typeof Options>;
export const parse = (raw: RawInput) => parseOptions(Options, raw);

export async function run(ctx: Context, o: Options): Promise<void> {
  if (o.watch && o.dryRun)
    throw new UsageError('--watch and --dry-run cannot be used together', {
      code: 'invalid_flags',
      hint: 'Use --dry-run to see what one deploy would upload, --watch to deploy on every change.',
    });
  if (o.open && o.dryRun)
    throw new UsageError('--open and --dry-run cannot be used together: a dry run deploys nothing to open', {
      code: 'invalid_flags',
      hint: 'Deploy without --dry-run to open the app’s page after it.',
    });
  const root = findProjectRoot(ctx.paths.cwd, ctx.paths.home);
  if (!root) {
    throw new UsageError(`${ctx.paths.cwd} is not inside a Slack project`, {
      code: 'invalid_app_directory',
      hint: 'Run rosi deploy in a project: a folder with .slack/hooks.json (see examples/hello-rosi).',
    });
  }
  // Loaded only for --watch: a plain deploy never pays for the watcher.
  const watch = o.watch ? await import('./watch.js') : undefined;
  if (watch) await watch.confirmWatch(ctx, { yes: o.yes === true, force: o.force === true, flags: o });
  const done = await buildAndDeploy(ctx, o, root);
  if (done.dryRun) {
    ctx.io.result(done.dryRun, renderDryRun);
    return;
  }
  if (watch) watch.printDeploy(ctx, done.result, renderDeploy);
  else ctx.io.result(done.result, renderDeploy);
  const offer = { hideTriggers: o.hideTriggers === true, json: ctx.io.json, stdoutTTY: ctx.io.isStdoutTTY, canPrompt: ctx.io.canPrompt() };
  if (mayOfferTrigger(offer)) {
    // Loaded only when it may run: a deploy in CI never pays for reading trigger definitions.
    const { offerTrigger } = await import('./trigger-offer.js');
    await offerTrigger(ctx, { api: await ctx.api(), appId: done.result.app_id, root, hooks: done.hooks, manifest: done.manifest, flags: o });
  }
  // After the offer, so a trigger made there is on the page; with --watch once, not at every redeploy.
  if (o.open) await openInBrowser(ctx, done.result.dashboard_url);
  if (!watch) return;
  // Redeploys say one line each (the watch prints it): the build's milestones and progress stay quiet; warnings still show.
  const quiet: Context = { ...ctx, io: Object.assign(Object.create(ctx.io) as IO, { info: () => {}, isStderrTTY: false }) };
  await watch.watchAndRedeploy(ctx, {
    root,
    redeploy: async () => {
      const again = await buildAndDeploy(quiet, o, root);
      if (!again.result) throw new Error('a redeploy is never a dry run');
      return again.result;
    },
  });
}

type Deployed =
  | { dryRun: DryRunResult; result?: undefined }
  | { dryRun?: undefined; result: DeployResult; hooks: ProjectHooks | undefined; manifest: Record<string, unknown> };

/** One build and deploy of the project at `root` (or its packaging only, with --dry-run); prints its progress, not its result. */
async function buildAndDeploy(ctx: Context, o: Options, root: string): Promise<Deployed> {
  const started = ctx.clock.now().getTime();
  const signal = ctx.signal;
  const hookOutput = (line: string) => ctx.io.info(ctx.io.errColors.dim(`  │ ${line}`));
  const hooks = await loadHooks(root, {
    env: ctx.env,
    signal,
    onOutput: hookOutput,
    onHooksUnavailable: (n) =>
      ctx.io.warn(`The project's get-hooks hook could not run (${n.reason}); the built-in build takes over (manifest, functions, trigger files)`),
  });
  const manifest = await loadManifest(root, hooks, { env: ctx.env, signal, onOutput: hookOutput });
  const runtime = (manifest.settings as { function_runtime?: unknown } | undefined)?.function_runtime;
  if (runtime !== undefined && runtime !== 'slack') {
    throw new CliError(
      'app_not_hosted',
      `The manifest's settings.function_runtime is ${JSON.stringify(runtime)}, so the app does not run on Slack`,
      ExitCode.failed,
      {
        hint: 'Set settings.function_runtime to "slack" to deploy it with rosi.',
      },
    );
  }

  const work = await mkdtemp(join(tmpdir(), 'rosi-build-'));
  // Zipped, the build folder is done with: it is removed while the deploy talks to Slack, since Node 20's
  // recursive rm takes 300–500 ms of CPU over 3,000 linked files. Started once, awaited before returning.
  let removingWork: Promise<void> | undefined;
  const removeWork = () => (removingWork ??= rm(work, { recursive: true, force: true }).catch(() => {}));
  let archive: Archive | undefined;
  try {
    ctx.io.info(`Building ${appName(manifest)} from ${root}`);
    const build = await buildApp({
      root,
      manifest,
      outDir: join(work, 'package'),
      hooks,
      env: ctx.env,
      signal,
      onProgress: (e) => {
        if (e.type === 'hook-start') ctx.io.info(`  running the build hook: ${e.command}`);
        else if (e.type === 'hook-output') hookOutput(e.line);
        else if (e.type === 'function-bundled') ctx.io.info(`  bundled ${e.sourceFile} → ${e.outFile} (${formatBytes(e.bytes)})`);
        else if (e.type === 'sdk-substituted') reportSdk(ctx, e.substitution);
      },
    });
    archive = await createArchive(build.outDir, { signal, ...(o.maxSize === undefined ? {} : { maxBytes: o.maxSize }) });
    void removeWork();
    const uncompressed = archive.files.reduce((n, f) => n + f.size, 0);
    ctx.io.info(`Packaged ${archive.files.length} files: ${formatBytes(archive.size)} zipped (${formatBytes(uncompressed)} before)`);
    if (archive.largest.length) ctx.io.info(`  largest: ${archive.largest.map((f) => `${f.name} ${formatBytes(f.size)}`).join(', ')}`);

    if (o.dryRun) {
      const files = archive.files;
      return { dryRun: { dry_run: true, app_name: appName(manifest), bundle_size: archive.size, file_count: files.length, files } };
    }
    return { result: await deploy(ctx, o, root, manifest, archive, started), hooks, manifest };
  } finally {
    if (archive) await removeArchive(archive.path).catch(() => {});
    await removeWork();
  }
}

async function deploy(ctx: Context, o: Options, root: string, manifest: Record<string, unknown>, archive: Archive, started: number): Promise<DeployResult> {
  const session = await ctx.session();
  const api = await ctx.api();
  const who = await tokenOwner(api);
  const place: AppPlace = { host: session.apiHost, team: who.team_id };
  const { appId, skipLocal } = await selectDeployApp(api, { root, place, app: o.app, explicitToken: session.source !== 'stored' });
  if (appId === undefined) await refuseUnconfirmedCreate(ctx, o, root, place, who.team ?? who.team_id);

  const entry = (id: string) => ({
    app_id: id,
    team_id: who.team_id,
    team_domain: domainOf(who.url) ?? who.team_id,
    user_id: who.user_id,
    enterprise_id: who.enterprise_id,
  });
  let createUnanswered = false;
  const creating: CreateHooks = {
    before: async () => {
      createUnanswered = true;
      await markCreatePending(root, place, { app_name: appName(manifest), started_at: ctx.clock.now().toISOString() });
    },
    created: async (id) => {
      createUnanswered = false;
      await recordDeployedApp(root, place.host, entry(id));
    },
    refused: async () => {
      createUnanswered = false;
      await clearCreatePending(root, place);
    },
  };
  const http = ctx.http();
  let progress: ReturnType<typeof createProgress> | undefined;
  const result = await shipApp({
    api,
    manifest: hostedManifest(manifest, session.apiHost),
    appId,
    archive,
    force: o.force === true,
    forceCommand: deployCommand(o, '--force'),
    confirmBreaking: (warnings) => confirmBreaking(ctx, o, warnings),
    ...(skipLocal ? {} : { creating }),
    upload: {
      fetch: http.fetch,
      clock: http.clock,
      signal: http.signal,
      userAgent: http.userAgent,
      timeoutMs: http.timeoutMs,
      log: http.log,
      onProgress: (sent) => progress?.update(sent),
    },
    onEvent: (e) => {
      if (e.phase === 'create') ctx.io.info(`Creating app ${e.name} in ${who.team ?? who.team_id}`);
      else if (e.phase === 'update') ctx.io.info(`Updating app ${e.name} (${appId}) in ${who.team ?? who.team_id}`);
      else if (e.phase === 'install') ctx.io.info('Installing');
      else if (e.phase === 'upload') progress = createProgress(ctx.io, 'Uploading', e.size, () => ctx.clock.now().getTime());
      else if (e.phase === 'finalize') {
        progress?.finish();
        ctx.io.info('Activating');
      } else if (e.phase === 'retry') ctx.io.warn(`${e.reason}; retrying${e.delayMs ? ` in ${(e.delayMs / 1000).toFixed(1)} s` : ''}`);
      else if (e.phase === 'warning')
        ctx.io.warn(`manifest: ${e.warning.message ?? e.warning.code ?? 'warning'}${e.warning.pointer ? ` (${e.warning.pointer})` : ''}`);
    },
  })
    .catch((e: unknown) => {
      if (createUnanswered)
        ctx.io.warn(
          `${appName(manifest)} may have been created in ${who.team ?? who.team_id} without rosi hearing back; the next deploy asks before creating another`,
        );
      throw e;
    })
    .finally(() => progress?.finish());

  // A created app was recorded the moment Slack answered; an app named with --app is recorded now, as the official CLI does.
  if (!result.created && !skipLocal) await recordDeployedApp(root, place.host, entry(result.appId));
  return {
    app_id: result.appId,
    app_name: appName(manifest),
    team_id: who.team_id,
    team: who.team ?? null,
    created: result.created,
    bundle_size: archive.size,
    file_count: archive.files.length,
    duration_ms: ctx.clock.now().getTime() - started,
    dashboard_url: dashboardUrl(session.apiHost, result.appId),
  };
}

/** Which copy of the Deno SDK the functions were built with: said always, warned when it is not the pinned one. */
function reportSdk(ctx: Context, s: SdkSubstitution): void {
  const pinned = `${s.module}@${s.pinned}`;
  if (s.used === undefined) {
    ctx.io.warn(`${pinned} stays a deno.land import: ${NPM_SDK} is not installed, so the functions load it at run time (the emulator runs them offline)`);
  } else if (sameVersion(s)) {
    ctx.io.info(`  ${pinned} from ${NPM_SDK} (npm's copy of the same version, built in offline)`);
  } else {
    ctx.io.warn(`The project pins ${pinned}, but the functions are built with ${s.module} ${s.used} from ${NPM_SDK}, the copy rosi builds offline with`);
  }
}

/**
 * A first deploy whose create request got no answer may have made the app: creating again
 * could leave two. Slack has no way to look an app up by name, so the user decides.
 */
async function refuseUnconfirmedCreate(ctx: Context, o: Options, root: string, place: AppPlace, teamName: string): Promise<void> {
  const pending = await pendingCreate(root, place);
  if (!pending) return;
  if (o.force) {
    ctx.io.warn(`An earlier deploy may have created ${pending.app_name} in ${teamName} already (${pending.started_at}); creating a new app as --force asks`);
    return;
  }
  throw new CliError(
    'create_unconfirmed',
    `An earlier deploy asked ${place.host} to create ${pending.app_name} in ${teamName} (${pending.started_at}) and never got the answer, so the app may exist already`,
    ExitCode.failed,
    {
      hint: `If it does, deploy to it by naming its ID with --app. If it does not, create it: ${deployCommand(o, '--force')}`,
    },
  );
}

/** `rosi deploy` as the user would re-run it here: the host, team and app flags they gave, then `extra`. */
function deployCommand(o: Options, extra: string): string {
  return rerunCommand(o, ['deploy', extra]);
}

async function confirmBreaking(ctx: Context, o: Options, warnings: ManifestWarning[]): Promise<boolean> {
  ctx.io.warn('This deploy makes breaking changes:');
  for (const w of warnings) ctx.io.info(`  - ${w.message ?? w.code}${w.pointer ? ` (${w.pointer})` : ''}`);
  if (!ctx.io.canPrompt())
    throw new UsageError('The manifest has breaking changes and no one can confirm them here', {
      code: 'confirmation_required',
      hint: `To deploy them: ${deployCommand(o, '--force')}`,
    });
  return ctx.prompter.confirm('breaking-changes', 'Deploy them anyway?', false);
}
