import * as z from 'zod/mini';
import type { Context } from '../../context/context.js';
import type { RawInput } from '../../kit/define-command.js';
import { parseOptions } from '../../kit/parse-options.js';
import { isLoopbackHost } from '../../lib/loopback.js';
import { rosiCommand } from '../../auth/follow-up.js';
import { openInBrowser } from '../../io/open-browser.js';
import { emulatorOptionShape, launchEmulator, resolveDataDir } from './launch.js';
import { exportOnExit, needSeededApp, seedFromFlag } from './state-flags.js';

const Options = z.object({ ...emulatorOptionShape, open: z.optional(z.boolean()) });
type Options = z.infer<typeof Options>;
export const parse = (raw: RawInput) => parseOptions(Options, raw);

export async function run(ctx: Context, o: Options): Promise<void> {
  const dataDir = resolveDataDir(ctx, o);
  needSeededApp(o);
  const launched = await launchEmulator(ctx, o, dataDir);
  const { emu, d, user, host, control, faults } = launched;
  // The console's overview; a seeded app's own page is what --open shows of it.
  const consoleUrl = `${emu.url}/`;
  try {
    // Before the first line: a script that waits for it finds the items there.
    if (emu.appId) await seedFromFlag(ctx, launched, o, emu.appId);
    // The first stdout line is the contract scripts wait for: it appears once the port is open.
    if (ctx.io.json)
      ctx.io.jsonLine({
        url: emu.url,
        api_host: emu.url,
        data_dir: dataDir,
        control,
        team_id: emu.team.id,
        sqlite: emu.sqlite,
        console_url: consoleUrl,
        ...(emu.appId ? { app_id: emu.appId } : {}),
      });
    else ctx.io.out(emu.url);
    const c = ctx.io.errColors;
    ctx.io.info(`${c.bold('rosi emulator')} is running at ${emu.url}`);
    ctx.io.info(`  Workspace  ${emu.team.name} (${emu.team.id}, ${emu.team.domain}.slack.com)`);
    ctx.io.info(`  User       ${user.name} (${user.id})`);
    ctx.io.info(`  State      ${emu.databaseFile ?? 'in memory: gone when the emulator stops'} (${emu.sqlite === 'node' ? 'node:sqlite' : 'better-sqlite3'})`);
    if (o.import !== undefined) ctx.io.info(`  Imported   ${o.import}`);
    if (o.exportOnExit !== undefined) ctx.io.info(`  Export     to ${o.exportOnExit} when it stops`);
    ctx.io.info(`  Uploads    ${emu.uploadsDir}`);
    if (emu.deno.path !== null) ctx.io.info(`  Functions  run in Deno: ${emu.deno.path}`);
    else ctx.io.warn(`${emu.deno.reason}; to run functions, ${d.DENO_FIX}. Everything else works without it.`);
    if (emu.appId) ctx.io.info(`  App        ${emu.appId} (from ${o.manifest ?? ''}; use --app ${emu.appId})`);
    ctx.io.info(`  Console    ${consoleUrl}`);
    ctx.io.info(`  Approve    ${emu.url}/approve (paste the /slackauthticket command here)`);
    if (control) ctx.io.info(`  Control    ${emu.url}/__emulator/ (test endpoints are on)`);
    if (faults.length) ctx.io.warn(`Injecting faults: ${o.faults ?? ''}`);
    if (!isLoopbackHost(host)) {
      ctx.io.warn(
        `Listening on ${host}, beyond this machine: anyone who can reach port ${emu.port} can approve login tickets, take tokens and read or change every app’s data. ` +
          `Stop it unless you mean that, and start it with: rosi emulator --host 127.0.0.1${o.port === undefined ? '' : ` --port ${o.port}`}`,
      );
    }
    ctx.io.info(`Log in with: ${rosiCommand('login', { apiHost: emu.url })}`);
    // Only once listening, so the page loads at the first try; the browser is never waited for.
    if (o.open) await openInBrowser(ctx, emu.appId ? `${emu.url}/apps/${emu.appId}` : consoleUrl);
    ctx.io.info(c.dim('Press Ctrl-C to stop.'));
    await untilAborted(ctx.signal);
    await exportOnExit(ctx, launched, o);
  } finally {
    await emu.close();
  }
  ctx.io.info('Emulator stopped.');
}

function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((done) => signal.addEventListener('abort', () => done(), { once: true }));
}
