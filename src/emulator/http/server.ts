import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Clock } from '../../lib/clock.js';
import { APPROVE_PATH, servePage } from '../auth/approval-page.js';
import { issueServiceToken } from '../auth/index.js';
import { defaultAssetsDir, feedLiveHub, isConsolePath, LiveHub, recordApiCall, RequestLog, serveConsole, type ConsoleState } from '../console/index.js';
import { CONTROL_PREFIX, serveControl } from '../control/control.js';
import { dataDirError, DISK_FULL_ANSWER, isDiskFull, lockDataDir, unlessDiskFull, type DriverName, type SqliteDriver } from '../db/index.js';
import {
  DATABASE_FILE,
  DEFAULT_FUNCTION_TIMEOUT_MS,
  DEFAULT_MAX_UPLOAD_BYTES,
  DEFAULT_MAX_VARIABLE_BYTES,
  DEFAULT_MAX_WEBHOOK_BYTES,
  DEFAULT_PRESIGN_TTL_MS,
  defaultMaxExecutions,
  RUNTIME_FOLDER,
  DEFAULT_COMPLETION_LIMIT_MS,
  DEFAULT_DELAY_CAP_MS,
  DEFAULT_SCHEDULES,
  MAX_SCHEDULED_FIRES_PER_TRIGGER,
} from '../defaults.js';
import type { SeedTeam, SeedUser } from '../defaults.js';
import type { EmulatorDeps } from '../deps.js';
import { appsFamily } from '../apps/handlers.js';
import { activitiesFamily } from '../activity/handlers.js';
import { authFamily } from '../auth/handlers.js';
import { datastoreFamily } from '../datastore/handlers.js';
import { seedFolder, type SeedResult } from '../datastore/index.js';
import { hostingFamily } from '../hosting/handlers.js';
import { variablesFamily } from '../variables/handlers.js';
import { directoryFamily } from '../directory/handlers.js';
import { seedChannels } from '../directory/index.js';
import { triggersFamily } from '../triggers/handlers.js';
import { workflowsFamily } from '../workflows/handlers.js';
import { messagesFamily } from '../messages/handlers.js';
import { readAnswersFile, runtimeRunner, WorkflowEngine, type FunctionRunner } from '../workflows/index.js';
import { loggablePath, serveWebhook, WEBHOOK_PATH } from '../triggers/webhook.js';
import { FaultInjector, familyOf, type FaultRule } from './faults.js';
import { HOST_NOT_ALLOWED, hostAllowed } from './host-check.js';
import { newTeamId } from '../ids.js';
import { EmulatorError, MethodError } from '../errors.js';
import { bodyTypeOf, MAX_API_BODY_BYTES, parseBody, readBody, tokenOf, type BodyType, type ParsedRequest } from './request.js';
import { sendJson, sendNotFound } from './respond.js';
import { createRouter, failure, type Router } from './router.js';
import { S3_PREFIX } from '../hosting/presign.js';
import { seedApp } from '../apps/seed-app.js';
import { faultAfter, faultBefore } from './serve-faults.js';
import { serveS3 } from '../hosting/s3.js';
import { Store } from '../store.js';
import { uploadsFolder, type UploadsFolder } from '../hosting/uploads-folder.js';
import { createRuntime, type DenoLocation, type DenoSearch, type Runtime } from '../runtime/index.js';
import { emulatorState, openSnapshot, serveSnapshot, SNAPSHOT_PATH, type EmulatorState } from '../snapshot/index.js';

export interface EmulatorOptions {
  port: number;
  host: string;
  /** Folder holding the database; null keeps state in memory only. */
  dataDir: string | null;
  tokenTtlMs: number;
  ticketTtlMs: number;
  /** Lifetime of presigned uploads; DEFAULT_PRESIGN_TTL_MS when left out. */
  presignTtlMs?: number;
  /** Largest upload a presign allows; DEFAULT_MAX_UPLOAD_BYTES when left out. */
  maxUploadBytes?: number;
  /** Largest hosted variable value; DEFAULT_MAX_VARIABLE_BYTES when left out. */
  maxVariableBytes?: number;
  /** Largest webhook trigger body; DEFAULT_MAX_WEBHOOK_BYTES when left out. */
  maxWebhookBytes?: number;
  /** Where Deno is looked for (`--deno`, ROSI_DENO, PATH); the npm package's and nothing else when left out. */
  deno?: DenoSearch;
  /** A function execution's time limit; DEFAULT_FUNCTION_TIMEOUT_MS when left out. */
  functionTimeoutMs?: number;
  /** A function execution's JavaScript heap limit in MiB; DEFAULT_FUNCTION_MEMORY_MIB when left out. */
  functionMemoryMiB?: number;
  /** Deno processes at once; one per CPU when left out. */
  maxExecutions?: number;
  /**
   * The seeded team. Without an ID, the data directory's own is used: made at its first start
   * and kept (in memory: a new one per start).
   */
  team: Omit<SeedTeam, 'id'> & { id?: string | undefined };
  user: SeedUser;
  /** A manifest to create (or update) the seeded app A0EMULATOR1 from, for apps not deployed anywhere yet. */
  manifest?: Record<string, unknown>;
  /** A snapshot file whose state replaces the data folder's (or the empty in-memory one's) before anything else. */
  importSnapshot?: string;
  /** Mount the test-only /__emulator/ endpoints. */
  control: boolean;
  /** Failures and latency to inject (`--faults`). */
  faults?: readonly FaultRule[];
  /** The SQLite binding (loadSqlite); the one this Node runs best when left out. */
  sqlite?: SqliteDriver;
  /** Where the time comes from (rosi's clock); POST /__emulator/clock moves the emulator's view of it forward. */
  clock: Clock;
  /** What runs an app's functions; without one, every app function fails with function_runtime_unavailable. */
  functionRunner?: FunctionRunner;
  /** How long a function that returned without completing may take to call functions.complete*; DEFAULT_COMPLETION_LIMIT_MS when left out. */
  completionLimitMs?: number;
  /** The longest a workflow's delay step waits; DEFAULT_DELAY_CAP_MS when left out. */
  delayCapMs?: number;
  /** Whether scheduled triggers fire by the emulator's clock (`--no-schedules` turns it off); DEFAULT_SCHEDULES when left out. */
  schedules?: boolean;
  /** The most occurrences of one trigger one clock move fires; MAX_SCHEDULED_FIRES_PER_TRIGGER when left out. */
  maxScheduledFires?: number;
  /** A JSON file of what interactive built-ins answer in place of a person (`--answers`; workflows/answers.ts), read at start. */
  answersFile?: string;
  /** Where the console's built files are; dist/console beside the emulator's bundle when left out. */
  consoleAssetsDir?: string;
  /** Unexpected failures: the client got internal_error, the operator gets the reason. */
  onError?: (message: string, error: unknown) => void;
  /** One entry per request, for a --verbose request log. Never includes query strings or bodies. */
  onRequest?: (entry: RequestLogEntry) => void;
}

export interface RequestLogEntry {
  httpMethod: string;
  path: string;
  /** HTTP status; 0 when the connection was dropped on purpose (--faults). */
  status: number;
  /** The Slack error code of an ok:false answer. */
  error?: string;
}

export interface RunningEmulator {
  url: string;
  port: number;
  databaseFile: string | null;
  /** The seeded team, its ID resolved. */
  team: SeedTeam;
  /** Which SQLite binding runs the database. */
  sqlite: DriverName;
  /** The seeded app's ID, when started with a manifest. */
  appId: string | null;
  /** Where uploaded objects are kept (a temporary folder, removed on close, when in memory). */
  uploadsDir: string;
  /** The Deno that runs functions, or why there is none (everything else works without it). */
  deno: DenoLocation;
  /** The whole state: saved as a snapshot, loaded from one, reset to a checkpoint. */
  state: EmulatorState;
  /**
   * Logs the seeded user in without the ticket exchange, for whoever started this emulator in its own process:
   * a token that never expires (as a `--no-rotation` login's), for `rosi emulator exec` and rosi/testing.
   */
  signIn(): { token: string; teamId: string; userId: string };
  /** Fills the app's datastores from a folder of `<datastore>.jsonl` files, every line checked first (`--seed`). */
  seedDatastores(dir: string, appId: string): Promise<SeedResult>;
  /** Stops accepting, lets in-flight requests finish, closes the database. */
  close(): Promise<void>;
}

const METHOD_NAME = /^[A-Za-z][A-Za-z0-9_.]*$/;

export async function startEmulator(o: EmulatorOptions): Promise<RunningEmulator> {
  try {
    return await start(o);
  } catch (e) {
    throw o.dataDir === null ? e : dataDirError(e, o.dataDir);
  }
}

async function start(o: EmulatorOptions): Promise<RunningEmulator> {
  const databaseFile = o.dataDir === null ? null : join(o.dataDir, DATABASE_FILE);
  const lock = o.dataDir === null ? undefined : await lockDataDir(o.dataDir, o.sqlite);
  let store: Store;
  try {
    store = await Store.open(databaseFile ?? ':memory:', { diskSeam: o.control, driver: o.sqlite, onDroppedLogs: o.onError });
  } catch (e) {
    lock?.release();
    throw e;
  }
  let url = `http://${displayHost(o.host)}:${o.port}`;
  let uploads: UploadsFolder | undefined;
  let runtime: Runtime | undefined;
  // Clients keep idle connections a few seconds (undici: 4 s) and reuse them; a server that
  // closes first (Node's default: 5 s) can race a reuse into ECONNRESET. Outlast them.
  const server = createServer({ keepAliveTimeout: 65_000 });
  try {
    uploads = await uploadsFolder(o.dataDir, o.clock.now().getTime());
    runtime = await createRuntime({
      deno: o.deno ?? {},
      dir: o.dataDir === null ? null : join(o.dataDir, RUNTIME_FOLDER),
      functionTimeoutMs: o.functionTimeoutMs ?? DEFAULT_FUNCTION_TIMEOUT_MS,
      ...(o.functionMemoryMiB === undefined ? {} : { functionMemoryMiB: o.functionMemoryMiB }),
      maxExecutions: o.maxExecutions ?? defaultMaxExecutions(),
    });
    const answers = o.answersFile === undefined ? {} : readAnswersFile(o.answersFile);
    let clockOffsetMs = o.importSnapshot === undefined ? 0 : await importSnapshot(o.importSnapshot, store, uploads.dir);
    const team: SeedTeam = { ...o.team, id: o.team.id ?? store.settingOrInit('seed_team_id', newTeamId) };
    const deps: EmulatorDeps = {
      store,
      now: () => o.clock.now().getTime() + clockOffsetMs,
      advanceClock: (ms) => {
        clockOffsetMs += ms;
        deps.workflows.clockMoved?.();
      },
      tokenTtlMs: o.tokenTtlMs,
      ticketTtlMs: o.ticketTtlMs,
      team,
      user: o.user,
      origin: () => url,
      hosting: {
        presignTtlMs: o.presignTtlMs ?? DEFAULT_PRESIGN_TTL_MS,
        maxUploadBytes: o.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
        uploadsDir: uploads.dir,
        incomingDir: uploads.incomingDir,
        signingSecret: randomBytes(32),
        faults: { failUploads: { remaining: 0, status: 503 }, expirePresigns: 0 },
      },
      datastore: { faults: { failItems: 0 } },
      variables: { maxValueBytes: o.maxVariableBytes ?? DEFAULT_MAX_VARIABLE_BYTES },
      triggers: { maxWebhookBytes: o.maxWebhookBytes ?? DEFAULT_MAX_WEBHOOK_BYTES },
      faults: new FaultInjector(o.faults ?? []),
      runtime,
      answers,
      // Replaced by the engine below, which needs these deps to exist first.
      workflows: { tripRecorded: () => undefined, functionEnded: () => undefined, fire: () => Promise.reject(new Error('no workflow engine yet')) },
    };
    const engine = new WorkflowEngine(deps, {
      runner: o.functionRunner ?? runtimeRunner(deps, runtime),
      sleep: (ms, signal) => o.clock.sleep(ms, signal),
      completionLimitMs: o.completionLimitMs ?? DEFAULT_COMPLETION_LIMIT_MS,
      delayCapMs: o.delayCapMs ?? DEFAULT_DELAY_CAP_MS,
      onError: o.onError,
      schedules: (o.schedules ?? DEFAULT_SCHEDULES) ? { maxPerTrigger: o.maxScheduledFires ?? MAX_SCHEDULED_FIRES_PER_TRIGGER } : undefined,
    });
    deps.workflows = engine;
    seed(deps);
    const state = emulatorState({
      store,
      uploadsDir: uploads.dir,
      now: () => new Date(deps.now()),
      clockOffset: { get: () => clockOffsetMs, set: (ms) => void (clockOffsetMs = ms) },
      interruptRuns: () => engine.interruptRuns(),
      afterReplace: () => {
        seed(deps);
        engine.endInterrupted();
        engine.takePendingTrips();
        engine.clockMoved();
        engine.schedulesChanged();
        // What every console page shows is gone: each reloads (ui/live.ts).
        consoleState.live.publish('state', { replaced: true });
      },
    });
    deps.state = state;
    const appId = o.manifest ? seedApp(deps, o.manifest) : null;
    const router = createRouter([
      authFamily,
      appsFamily,
      hostingFamily,
      datastoreFamily,
      activitiesFamily,
      variablesFamily,
      directoryFamily,
      triggersFamily,
      workflowsFamily,
      messagesFamily,
    ]);
    const consoleState: ConsoleState = {
      token: randomBytes(24).toString('base64url'),
      live: new LiveHub(),
      assetsDir: o.consoleAssetsDir ?? defaultAssetsDir(),
      requests: new RequestLog(),
    };
    const stopFeeding = feedLiveHub(store, consoleState.live);
    let inFlight = 0;
    let closing = false;
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      inFlight++;
      res.on('close', () => {
        inFlight--;
        // Keep-alive sockets of finished requests would otherwise hold close() open.
        if (closing) setImmediate(() => server.closeIdleConnections());
      });
      void handle(req, res, router, deps, o, consoleState);
    });
    await listen(server, o.port, o.host);
    const port = (server.address() as AddressInfo).port;
    url = `http://${displayHost(o.host)}:${port}`;
    lock?.announce(url);
    // Runs a stop cut short end as failed; trips recorded before the stop run now, once each.
    engine.endInterrupted();
    engine.takePendingTrips();
    engine.startSchedules();
    const folder = uploads;
    const functions = runtime;
    return {
      url,
      port,
      databaseFile,
      team,
      sqlite: store.driver,
      appId,
      uploadsDir: folder.dir,
      deno: functions.deno,
      state,
      signIn: () => ({ token: issueServiceToken(deps, team.id, o.user.id), teamId: team.id, userId: o.user.id }),
      seedDatastores: (dir, appId) => seedFolder(deps, appId, dir),
      close: () => {
        closing = true;
        stopFeeding();
        consoleState.live.close();
        // The engine stops writing and waits for its runs, whose Deno processes are killed meanwhile:
        // their calls back would find the server closing.
        const stopped = Promise.all([engine.close(), functions.close()]);
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        if (inFlight === 0) server.closeAllConnections();
        return closed.finally(async () => {
          await stopped;
          store.close();
          await folder.dispose();
          lock?.release();
        });
      },
    };
  } catch (e) {
    await runtime?.close();
    store.close();
    await uploads?.dispose();
    lock?.release();
    throw e;
  }
}

/** The snapshot's state in place of the fresh database's, before the team is chosen: its own team stays its own. */
async function importSnapshot(file: string, store: Store, uploadsDir: string): Promise<number> {
  const opened = await openSnapshot(file);
  try {
    await opened.apply({ store, uploadsDir });
    return opened.header.clock_offset_ms;
  } finally {
    await opened.dispose();
  }
}

function seed(deps: EmulatorDeps): void {
  const now = deps.now();
  deps.store.transaction(() => {
    deps.store.prune(now);
    deps.store.upsertTeam(deps.team, now);
    deps.store.upsertUser({ id: deps.user.id, team_id: deps.team.id, name: deps.user.name }, now);
    seedChannels(deps.store.channels, { teamId: deps.team.id, creator: deps.user.id, now, ownTeam: true });
  });
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  router: Router,
  deps: EmulatorDeps,
  o: EmulatorOptions,
  consoleState: ConsoleState,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');
  // What logs and errors may show of the path: a webhook URL's secret is a credential.
  const path = loggablePath(url.pathname);
  let logged: RequestLogEntry | undefined;
  try {
    if (!hostAllowed(req.headers.host, o.host)) {
      // Before anything is read or written: the request may come from a page on another site.
      sendJson(res, 403, HOST_NOT_ALLOWED);
      logged = { httpMethod: req.method ?? 'GET', path, status: 403, error: 'host_not_allowed' };
    } else if (url.pathname.startsWith('/api/')) {
      const stage = await faultBefore(req, res, deps.faults.decide(familyOf(methodOf(url))), 'api');
      if (!stage.answered) {
        const started = { at: deps.now(), ms: performance.now() };
        const seen: { request?: ParsedRequest } = {};
        const answer = await api(req, url, router, deps, o.control, seen);
        if (stage.after) faultAfter(res, stage.after);
        else sendJson(res, 200, answer);
        logged = {
          httpMethod: req.method ?? 'GET',
          path,
          status: stage.after === 'drop' ? 0 : res.statusCode,
          ...(answer.ok ? {} : { error: String(answer.error) }),
        };
        recordApiCall(
          consoleState,
          deps,
          {
            method: methodOf(url),
            at: started.at,
            duration_ms: performance.now() - started.ms,
            params: seen.request?.params,
            token: seen.request?.token,
            answer,
            status: logged.status,
          },
          o.onError,
        );
      }
    } else if (url.pathname.startsWith(S3_PREFIX)) {
      const stage = await faultBefore(req, res, deps.faults.decide('upload'), 'upload');
      if (!stage.answered) await serveS3(req, res, url, deps);
    } else if (url.pathname === SNAPSHOT_PATH && deps.state) {
      await serveSnapshot(req, res, deps.state);
    } else if (url.pathname.startsWith(CONTROL_PREFIX) && o.control) {
      await serveControl(req, res, url, deps);
    } else if (url.pathname === APPROVE_PATH) {
      await servePage(req, res, url, deps);
    } else if (isConsolePath(url.pathname)) {
      await serveConsole(req, res, url, deps, consoleState);
    } else if (WEBHOOK_PATH.test(url.pathname)) {
      await serveWebhook(req, res, url, deps);
    } else {
      sendNotFound(res);
    }
  } catch (e) {
    // A client that hangs up mid-body is not a server fault, and there is no one to answer.
    if (req.socket.destroyed) return;
    if (isDiskFull(e)) {
      const full = o.dataDir === null ? 'the in-memory database is full' : `the disk holding ${o.dataDir} is full`;
      o.onError?.(`${req.method ?? 'GET'} ${path} failed: ${full}. Writes fail until space is freed; reads still work.`, e);
      logged = { httpMethod: req.method ?? 'GET', path, status: 200, error: 'internal_error' };
      if (!res.headersSent) sendJson(res, 200, DISK_FULL_ANSWER);
      else res.destroy();
      o.onRequest?.(logged);
      return;
    }
    o.onError?.(`${req.method ?? 'GET'} ${path} failed: ${e instanceof Error ? e.message : String(e)}`, e);
    logged = { httpMethod: req.method ?? 'GET', path, status: 200, error: 'internal_error' };
    if (!res.headersSent) sendJson(res, 200, { ok: false, error: 'internal_error' });
    else res.destroy();
  }
  o.onRequest?.(logged ?? { httpMethod: req.method ?? 'GET', path, status: res.statusCode });
}

/** One Web API call: method lookup, body, token, handler; always a Slack envelope. */
const methodOf = (url: URL) => url.pathname.slice('/api/'.length).replace(/\/+$/, '');

async function api(
  req: IncomingMessage,
  url: URL,
  router: Router,
  deps: EmulatorDeps,
  record: boolean,
  seen: { request?: ParsedRequest } = {},
): Promise<Record<string, unknown>> {
  const method = methodOf(url);
  // The call log exists for tests; without --control nothing reads it, so it is not kept.
  if (record && METHOD_NAME.test(method)) unlessDiskFull(() => deps.store.recordCall(method, deps.now()));
  if (!router.has(method)) return failure(new MethodError('unknown_method'));
  const body = await readBody(req, MAX_API_BODY_BYTES);
  if (!body.ok) return failure(new MethodError('request_too_large'));
  let params: Record<string, unknown>;
  let type: BodyType;
  try {
    type = bodyTypeOf(req.headers['content-type']);
    params = { ...Object.fromEntries(url.searchParams), ...(await parseBody(body.body, req.headers['content-type'])) };
  } catch (e) {
    if (e instanceof MethodError) return failure(e);
    throw e;
  }
  const parsed: ParsedRequest = { method, httpMethod: req.method ?? 'GET', params, token: tokenOf(req.headers, params, type), headers: req.headers };
  // The request inspector sees the params and names the caller from the token once the call is answered.
  seen.request = parsed;
  return router.dispatch(parsed, deps);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => reject(listenError(e, port, host));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function listenError(e: NodeJS.ErrnoException, port: number, host: string): EmulatorError {
  const where = `${displayHost(host)}:${port}`;
  if (e.code === 'EADDRINUSE') {
    return new EmulatorError('port_in_use', `Port ${port} is already in use on ${displayHost(host)}`, {
      hint: 'Stop the other process, or choose another port with --port <n> (--port 0 picks a free one).',
      cause: e,
    });
  }
  if (e.code === 'EACCES') {
    return new EmulatorError('port_not_allowed', `Not allowed to listen on ${where}`, { hint: 'Use a port above 1023, or --port 0.', cause: e });
  }
  if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') {
    return new EmulatorError('invalid_host', `Cannot listen on ${host}: no such local address`, { hint: 'Use --host 127.0.0.1 (the default).', cause: e });
  }
  return new EmulatorError('listen_failed', `Could not listen on ${where}: ${e.message}`, { cause: e });
}

/** A host clients can reach: a wildcard bind is reached through loopback; IPv6 needs brackets. */
function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
