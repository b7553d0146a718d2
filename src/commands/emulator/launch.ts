import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import * as z from 'zod/mini';
import type { Context } from '../../context/context.js';
import type * as Emulator from '../../emulator/index.js';
import type { EmulatorError } from '../../emulator/index.js';
import { CliError, isCliError, UsageError } from '../../errors/cli-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import { verboseOption } from '../../kit/global-options.js';
import { durationFlag, parsedFlag } from '../../kit/parse-options.js';
import { shellWord } from '../../lib/shell-word.js';
import { isLoopbackHost } from '../../lib/loopback.js';
import { parseSize } from '../../lib/size.js';
import { parseDuration } from '../../lib/duration.js';
import { buildProbe } from './build-probe.js';
import { fsReason } from '../../lib/fs-error.js';

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

/** The options of the flags in emulator-flags.ts, for the commands that start an emulator. */
export const emulatorOptionShape = {
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
  faults: z.optional(z.string()),
  ephemeral: z.optional(z.boolean()),
  import: z.optional(Text),
  exportOnExit: z.optional(Text),
  seed: z.optional(Text),
};
export type EmulatorFlagValues = z.infer<z.ZodMiniObject<typeof emulatorOptionShape>>;

type EmulatorModule = typeof Emulator;

/** A started emulator, with the module it came from and what the banner says of it. */
export interface Launched {
  emu: Awaited<ReturnType<EmulatorModule['startEmulator']>>;
  d: EmulatorModule;
  user: { id: string; name: string };
  host: string;
  control: boolean;
  faults: ReturnType<EmulatorModule['parseFaults']>;
}

/**
 * Starts the emulator the flags describe, its state in `dataDir` (null: in memory): the database module first, so
 * a missing one is reported before anything happens; the emulator's own errors said as rosi's.
 */
export async function launchEmulator(ctx: Context, o: EmulatorFlagValues, dataDir: string | null): Promise<Launched> {
  const manifest = o.manifest === undefined ? undefined : await readManifest(ctx, o.manifest);
  const importSnapshot = o.import === undefined ? undefined : resolve(ctx.paths.cwd, o.import);
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
  if (importSnapshot !== undefined && dataDir !== null) refuseImportOverState(o, dataDir, d.DATABASE_FILE);
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
    // Checked before anything else: a refused file names itself, and nothing has changed.
    ...(importSnapshot === undefined ? {} : { importSnapshot }),
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
  return { emu, d, user, host, control, faults };
}

/** The emulator's own error as rosi's: the same code, message, hint and cause; a mistake in the flags exits 2. */
export function cliError(e: EmulatorError): CliError {
  const opts = { hint: e.hint, cause: e.cause };
  return e.kind === 'usage' ? new UsageError(e.message, { code: e.code, ...opts }) : new CliError(e.code, e.message, ExitCode.failed, opts);
}

/** The data folder is another live emulator's: the hint is a command that starts this one on its own. */
function dataDirInUse(e: unknown, o: EmulatorFlagValues, dataDir: string | null): unknown {
  if (!isCliError(e) || e.code !== 'data_dir_in_use' || dataDir === null) return e;
  const flags = [`--data-dir ${shellWord(`${dataDir}-2`)}`, `--port ${o.port ?? 0}`, ...(o.host === undefined ? [] : [`--host ${shellWord(o.host)}`])];
  return new CliError(e.code, e.message, e.exitCode, {
    hint: `Stop that emulator, or start this one with its own state: rosi emulator ${flags.join(' ')}`,
    cause: e,
  });
}

export function resolveDataDir(ctx: Context, o: EmulatorFlagValues): string | null {
  if (o.inMemory || o.ephemeral) {
    if (o.dataDir !== undefined) {
      throw new UsageError(`--data-dir and ${o.ephemeral ? '--ephemeral' : '--in-memory'} cannot be used together`, { code: 'mismatched_flags' });
    }
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

/**
 * --import into a data folder that already holds a state: refused, since that state may be a developer's only copy.
 * The hint names the ways that keep it.
 */
function refuseImportOverState(o: EmulatorFlagValues, dataDir: string, databaseFile: string): void {
  if (!existsSync(join(dataDir, databaseFile))) return;
  const file = shellWord(o.import ?? '');
  // Every command here runs as pasted: the port and address given, and the snapshot load aimed at that emulator.
  const port = o.port ?? 5810;
  const listen = [...(o.port === undefined ? [] : [`--port ${o.port}`]), ...(o.host === undefined ? [] : [`--host ${shellWord(o.host)}`])];
  const dataFlag = o.dataDir === undefined ? [] : [`--data-dir ${shellWord(dataDir)}`];
  const reach = o.host !== undefined && isLoopbackHost(o.host) ? o.host : '127.0.0.1';
  throw new UsageError(`--import ${o.import ?? ''} would replace the state in ${dataDir}`, {
    code: 'data_dir_not_empty',
    hint:
      `Start from the snapshot alone, keeping nothing on disk: rosi emulator start ${['--ephemeral', `--import ${file}`, ...listen].join(' ')}. ` +
      `Or replace that state on purpose: start the emulator on it (rosi emulator start ${[...dataFlag, ...listen].join(' ')}`.trimEnd() +
      `), then run rosi emulator snapshot load ${file} --apihost ${port === 0 ? '<the URL it prints>' : `http://${reach.includes(':') ? `[${reach}]` : reach}:${port}`}`,
  });
}
