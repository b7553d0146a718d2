import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import * as z from 'zod/mini';
import type { Context } from '../../context/context.js';
import type { EmulatorError } from '../../emulator/index.js';
import { CliError, isCliError, UsageError } from '../../errors/cli-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { RawInput } from '../../kit/define-command.js';
import { verboseOption } from '../../kit/global-options.js';
import { durationFlag, parsedFlag, parseOptions } from '../../kit/parse-options.js';
import { isLoopbackHost } from '../../lib/loopback.js';
import { shellWord } from '../../lib/shell-word.js';
import { parseSize } from '../../lib/size.js';
import { parseDuration } from '../../lib/duration.js';
import { buildProbe } from './build-probe.js';
import { fsReason } from '../../lib/fs-error.js';
import { rosiCommand } from '../../auth/follow-up.js';
import { openInBrowser } from '../../io/open-browser.js';

const PORT_MESSAGE = 'must be a port number from 0 to 65535';
const Port = z.pipe(
  z.string().check(z.refine((s) => /^\d{1,5}$/.test(s) && Number(s) <= 65535, PORT_MESSAGE)),
  z.transform((s: string) => Number(s)),
);
const Ttl = z.pipe(durationFlag(parseDuration), z.number().check(z.gte(1000, 'must be at least 1s')));
const MIB = 1024 * 1024;
const Text = z.string().check(z.minLength(1, 'must not be empty'));
const ByteSize = parsedFlag(
  (s) => {
    const bytes = parseSize(s);
    return bytes !== undefined && bytes >= 1 ? bytes : undefined;
  },
  (s) => `"${s}" is not a size (try 200MB, 512KiB, or a number of bytes)`,
);

const Options = z.object({
  ...verboseOption,
  port: z.optional(Port),
  host: z.optional(Text),
  dataDir: z.optional(Text),
  inMemory: z.optional(z.boolean()),
  tokenTtl: z.optional(Ttl),
  ticketTtl: z.optional(Ttl),
  presignTtl: z.optional(Ttl),
  maxUploadSize: z.optional(ByteSize),
  maxVariableSize: z.optional(ByteSize),
  maxWebhookSize: z.optional(ByteSize),
  schedules: z.optional(z.boolean()),
  functionTimeout: z.optional(z.pipe(durationFlag(parseDuration), z.number().check(z.gte(100, 'must be at least 100ms')))),
  functionMemory: z.optional(z.pipe(ByteSize, z.number().check(z.gte(MIB * 16, 'must be at least 16MiB'), z.lte(MIB * 65_536, 'must be at most 64GiB')))),
  maxExecutions: z.optional(
    z.pipe(
      z.string().check(z.refine((s) => /^\d{1,4}$/.test(s) && Number(s) >= 1 && Number(s) <= 1000, 'must be a whole number from 1 to 1000')),
      z.transform((s: string) => Number(s)),
    ),
  ),
  deno: z.optional(Text),
  // rosi and the official CLI read credentials.json keys of this shape as team IDs.
  teamId: z.optional(z.string().check(z.regex(/^T[A-Z0-9]{8,}$/, 'must look like a Slack team ID: T and at least 8 capitals or digits'))),
  teamDomain: z.optional(z.string().check(z.regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'must be lower-case letters, digits and hyphens'))),
  userId: z.optional(z.string().check(z.regex(/^[UW][A-Z0-9]{2,}$/, 'must look like a Slack user ID: U or W, then capitals or digits'))),
  manifest: z.optional(Text),
  answers: z.optional(Text),
  control: z.optional(z.boolean()),
  open: z.optional(z.boolean()),
  faults: z.optional(z.string()),
});
type Options = z.infer<typeof Options>;
export const parse = (raw: RawInput) => parseOptions(Options, raw);

export async function run(ctx: Context, o: Options): Promise<void> {
  const dataDir = resolveDataDir(ctx, o);
  const manifest = o.manifest === undefined ? undefined : await readManifest(ctx, o.manifest);
  // Loaded here, not at the top: no other command pays for the server or SQLite.
  const d = await import('../../emulator/index.js');
  // The emulator's errors are its own (it is a server, bundled apart); rosi says them as its own.
  const asCli = (e: unknown): unknown => (d.isEmulatorError(e) ? cliError(e) : e);
  // First, so a missing database module is reported before anything else happens, with the
  // build tools this machine lacks.
  const sqlite = await d
    .loadSqlite({
      choice: ctx.env.ROSI_EMULATOR_SQLITE,
      probe: buildProbe(ctx),
      quietly: (load) => ctx.withoutExperimentalWarning('SQLite', load),
    })
    .catch((e: unknown) => {
      throw asCli(e);
    });
  const { startEmulator } = d;
  // Without --team-id the data folder's own ID is used, so two emulators never share a team ID.
  const team = { domain: o.teamDomain ?? d.DEFAULT_TEAM.domain, name: d.DEFAULT_TEAM.name, ...(o.teamId ? { id: o.teamId } : {}) };
  const user = { ...d.DEFAULT_USER, ...(o.userId ? { id: o.userId } : {}) };
  const control = o.control === true;
  let faults: ReturnType<typeof d.parseFaults>;
  try {
    faults = d.parseFaults(o.faults ?? '');
  } catch (e) {
    throw asCli(e);
  }
  const verbose = o.verbose === true;
  const host = o.host ?? d.DEFAULT_HOST;
  const emu = await startEmulator({
    port: o.port ?? d.DEFAULT_PORT,
    host,
    dataDir,
    tokenTtlMs: o.tokenTtl ?? d.DEFAULT_TOKEN_TTL_MS,
    ticketTtlMs: o.ticketTtl ?? d.DEFAULT_TICKET_TTL_MS,
    presignTtlMs: o.presignTtl ?? d.DEFAULT_PRESIGN_TTL_MS,
    maxUploadBytes: o.maxUploadSize ?? d.DEFAULT_MAX_UPLOAD_BYTES,
    maxVariableBytes: o.maxVariableSize ?? d.DEFAULT_MAX_VARIABLE_BYTES,
    maxWebhookBytes: o.maxWebhookSize ?? d.DEFAULT_MAX_WEBHOOK_BYTES,
    // --no-schedules: false when given.
    schedules: o.schedules ?? d.DEFAULT_SCHEDULES,
    functionTimeoutMs: o.functionTimeout ?? d.DEFAULT_FUNCTION_TIMEOUT_MS,
    functionMemoryMiB: o.functionMemory === undefined ? d.DEFAULT_FUNCTION_MEMORY_MIB : Math.floor(o.functionMemory / MIB),
    maxExecutions: o.maxExecutions ?? d.defaultMaxExecutions(),
    // The flag, else ROSI_DENO: a path named either way is used or reported, never replaced by another Deno.
    deno: { explicit: o.deno === undefined ? ctx.env.ROSI_DENO : resolve(ctx.paths.cwd, o.deno), searchPath: ctx.env.PATH },
    team,
    user,
    control,
    faults,
    sqlite,
    ...(manifest ? { manifest } : {}),
    // Read by the emulator at start: a file it cannot use stops it, naming the file and what is wrong.
    ...(o.answers === undefined ? {} : { answersFile: resolve(ctx.paths.cwd, o.answers) }),
    clock: ctx.clock,
    onError: (message, error) => {
      ctx.io.warn(message);
      if (verbose && error instanceof Error && error.stack) ctx.io.info(error.stack);
    },
    ...(verbose
      ? { onRequest: (e) => ctx.io.info(`${ctx.clock.now().toISOString()} ${e.httpMethod} ${e.path} ${e.status}${e.error ? ` ${e.error}` : ''}`) }
      : {}),
  }).catch((e: unknown) => {
    throw dataDirInUse(asCli(e), o, dataDir);
  });
  // The console's overview; a seeded app's own page is what --open shows of it.
  const consoleUrl = `${emu.url}/`;
  try {
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
  } finally {
    await emu.close();
  }
  ctx.io.info('Emulator stopped.');
}

/** The emulator's own error as rosi's: the same code, message, hint and cause; a mistake in the flags exits 2. */
function cliError(e: EmulatorError): CliError {
  const opts = { hint: e.hint, cause: e.cause };
  return e.kind === 'usage' ? new UsageError(e.message, { code: e.code, ...opts }) : new CliError(e.code, e.message, ExitCode.failed, opts);
}

/** The data folder is another live emulator's: the hint is a command that starts this one on its own. */
function dataDirInUse(e: unknown, o: Options, dataDir: string | null): unknown {
  if (!isCliError(e) || e.code !== 'data_dir_in_use' || dataDir === null) return e;
  const flags = [`--data-dir ${shellWord(`${dataDir}-2`)}`, `--port ${o.port ?? 0}`, ...(o.host === undefined ? [] : [`--host ${shellWord(o.host)}`])];
  return new CliError(e.code, e.message, e.exitCode, {
    hint: `Stop that emulator, or start this one with its own state: rosi emulator ${flags.join(' ')}`,
    cause: e,
  });
}

function resolveDataDir(ctx: Context, o: Options): string | null {
  if (o.inMemory) {
    if (o.dataDir !== undefined) throw new UsageError('--data-dir and --in-memory cannot be used together', { code: 'mismatched_flags' });
    return null;
  }
  const dir = resolve(ctx.paths.cwd, o.dataDir ?? join(ctx.paths.dataDir, 'emulator'));
  // The config folder is shared with the official Slack CLI; the emulator's state stays out of it.
  const rel = relative(ctx.paths.configDir, dir);
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) {
    throw new UsageError(`--data-dir must not be inside ${ctx.paths.configDir}`, {
      code: 'invalid_data_dir',
      hint: 'That folder holds your Slack credentials. Pick another folder, or leave --data-dir out to use rosi’s data folder.',
    });
  }
  return dir;
}

/** The --manifest file: a JSON object (manifest.json, or what `get-manifest` prints). */
async function readManifest(ctx: Context, file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(resolve(ctx.paths.cwd, file), 'utf8');
  } catch (e) {
    throw new UsageError(`Cannot read --manifest ${file}: ${fsReason(e)}`, { code: 'manifest_not_found' });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--manifest ${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, { code: 'invalid_manifest' });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new UsageError(`--manifest ${file} must hold a JSON object`, { code: 'invalid_manifest' });
  return value as Record<string, unknown>;
}

function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((done) => signal.addEventListener('abort', () => done(), { once: true }));
}
