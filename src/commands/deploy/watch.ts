import { rerunCommand, type RunFlags } from '../../auth/follow-up.js';
import { isEmulatorHost } from '../../auth/host.js';
import { tokenOwner } from '../../apps/requests.js';
import type { Context } from '../../context/context.js';
import { loadIgnoreRules, SLACKIGNORE } from '../../deploy/bundle/ignore.js';
import { createRedeployQueue } from '../../deploy/watch/redeploy-queue.js';
import { watchTree } from '../../deploy/watch/tree-watcher.js';
import { createWatchFilter, type WatchFilter } from '../../deploy/watch/watch-filter.js';
import { CancelledError, UsageError } from '../../errors/cli-error.js';
import type { IO } from '../../io/io.js';
import type { DeployResult } from './render.js';
import { errorJson, errorLines, failedLine, redeployedLine } from './watch-lines.js';

export interface WatchGate {
  /** --yes: answers the one question of a watch against Slack. */
  yes: boolean;
  /** --force: skips every confirmation, this one included. */
  force: boolean;
  flags: RunFlags;
}

const isCI = (env: Readonly<Record<string, string | undefined>>) => Boolean(env.CI) && env.CI !== 'false' && env.CI !== '0';

/**
 * Decided before anything is built. Against the emulator a watch asks nothing. Against Slack every
 * save would change a live app, so: never in CI (a watch there is a job that never ends, deploying
 * whatever the checkout does); on a terminal, once, unless --yes or --force answers; with no one to ask,
 * only with --yes or --force.
 */
export async function confirmWatch(ctx: Context, g: WatchGate): Promise<void> {
  const session = await ctx.session();
  if (isEmulatorHost(session.apiHost)) return;
  if (isCI(ctx.env))
    throw new UsageError(`rosi deploy --watch does not redeploy to ${session.apiHost} in CI`, {
      code: 'watch_refused',
      hint: `Deploy once with ${rerunCommand(g.flags, ['deploy'])}, or watch against the emulator (rosi emulator) where nothing is live.`,
    });
  if (g.yes || g.force) return;
  if (!ctx.io.canPrompt())
    throw new UsageError(`rosi deploy --watch would redeploy to ${session.apiHost} on every change, and no one can confirm that here`, {
      code: 'confirmation_required',
      hint: `To watch anyway: ${rerunCommand(g.flags, ['deploy', '--watch', '--yes'])}`,
    });
  const who = await tokenOwner(await ctx.api());
  if (!(await ctx.prompter.confirm('watch-redeploy', `Redeploy to ${who.team ?? who.team_id} on every change?`, false)))
    throw new CancelledError('Nothing was deployed');
}

/** Prints a deploy of the watch: a JSON line with --json (JSON Lines), else the usual result. */
export function printDeploy(ctx: Context, result: DeployResult, render: (r: DeployResult, io: IO) => void): void {
  if (ctx.io.json) ctx.io.jsonLine({ ...result, changed: [] });
  else ctx.io.result(result, render);
}

export interface WatchLoop {
  root: string;
  /** Rebuilds and redeploys, telling the user nothing but warnings (the loop prints one line for it). */
  redeploy: () => Promise<DeployResult>;
}

/**
 * Watches the project until Ctrl-C, redeploying after each quiet spell that follows a change. A failed
 * redeploy prints its error and the watch goes on: the next save may fix it. Returns once the signal
 * aborts, with every folder watch closed and no deploy running.
 */
export async function watchAndRedeploy(ctx: Context, loop: WatchLoop): Promise<void> {
  const signal = ctx.signal;
  let filter: WatchFilter = createWatchFilter(await loadIgnoreRules(loop.root));
  const c = ctx.io.errColors;
  const queue = createRedeployQueue({
    clock: ctx.clock,
    signal,
    redeploy: async (changed) => {
      // New .slackignore rules change what is packaged, so what is watched too.
      if (changed.includes(SLACKIGNORE)) filter = createWatchFilter(await loadIgnoreRules(loop.root));
      const started = ctx.clock.now();
      const took = () => ctx.clock.now().getTime() - started.getTime();
      try {
        const r = await loop.redeploy();
        ctx.io.info(redeployedLine({ at: started, changed, durationMs: took(), appName: r.app_name, appId: r.app_id }, c));
        if (ctx.io.json) ctx.io.jsonLine({ ...r, changed });
      } catch (e) {
        if (signal.aborted) throw e;
        // One write, so a reader of stderr never sees the line without its error.
        ctx.io.info([failedLine(started, changed, took(), c), ...errorLines(e, c)].join('\n'));
        if (ctx.io.json) ctx.io.jsonLine(errorJson(e, changed));
      }
    },
    onError: (e) => ctx.io.info(errorLines(e, c).join('\n')),
  });
  const watcher = watchTree(loop.root, {
    filter: () => filter,
    onChange: (path) => queue.changed(path),
    onError: (e, folder) => ctx.io.warn(`rosi cannot watch ${folder} for changes: ${(e as Error).message}`),
  });
  try {
    await watcher.ready;
    if (!signal.aborted) ctx.io.info(`Watching ${loop.root} for changes (Ctrl-C to stop)`);
    await queue.stopped;
  } finally {
    watcher.close();
  }
  throw new CancelledError('Stopped watching');
}
