// rosi/testing: the emulator for an app's own test suite (src/testing/README.md). Its public types are
// public-api.ts, which the build ships as dist/testing.d.ts.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Backend } from './backend.js';
import { startChild } from './child.js';
import { emulatorClient } from './client.js';
import { reasonOf, RosiTestingError } from './errors.js';
import { fireAndWait } from './fire.js';
import { loadEmulator, startInProcess } from './in-process.js';
import { messagesIn } from './messages.js';
import { Projects } from './projects.js';
import type { DenoFound, StartOptions, TestEmulator, Trigger } from './public-api.js';
import { rosiEnv } from './rosi-cli.js';
import { datastoreOf, putItems, readSeed } from './seed.js';

export { RosiTestingError } from './errors.js';
export type * from './public-api.js';

const DEFAULT_FIRE_TIMEOUT_MS = 30_000;

export async function startEmulator(options: StartOptions = {}): Promise<TestEmulator> {
  const o = checked(options);
  const backend = await (o.process === 'child' ? startChild : startInProcess)({ functionTimeout: o.functionTimeout, deno: o.deno });
  const emulator = handle(backend, o);
  try {
    if (o.answers !== undefined) await emulator.client.control('answers', answersOf(o.answers));
    if (o.project !== undefined) await emulator.api.deploy(o.project);
    for (const t of o.triggers ?? []) emulator.triggers.push(await emulator.api.createTrigger(t));
    for (const [datastore, items] of Object.entries(o.seed === undefined ? {} : readSeed(o.seed))) await emulator.api.seed(datastore, items);
    await emulator.api.checkpoint();
  } catch (e) {
    await emulator.api.close();
    throw e instanceof RosiTestingError ? e : new RosiTestingError('start_failed', `startEmulator() failed: ${reasonOf(e)}`);
  }
  return emulator.api;
}

export async function findDeno(options: { deno?: string } = {}): Promise<DenoFound> {
  const d = await loadEmulator();
  const found = await d.findDeno({ explicit: options.deno ?? process.env.ROSI_DENO, searchPath: process.env.PATH });
  return found.path !== null ? { path: found.path } : { path: null, reason: `${found.reason}; to run functions, ${d.DENO_FIX}` };
}

function handle(backend: Backend, o: StartOptions) {
  const home = mkdtempSync(join(tmpdir(), 'rosi-testing-'));
  mkdirSync(join(home, 'home'));
  const client = emulatorClient(backend.url, () => backend.token);
  const projects = new Projects(home, () => rosiEnv(join(home, 'home'), backend.url, backend.token));
  const triggers: Trigger[] = [];
  let closed: Promise<void> | undefined;
  const open = (what: string) => {
    if (closed) throw new RosiTestingError('closed', `${what}: this emulator was closed.`);
  };
  const appId = (what: string) => {
    open(what);
    if (!projects.last) throw new RosiTestingError('no_app', `${what}: no app is deployed; start with { project } or call deploy() first.`);
    return projects.last.appId;
  };
  const api: TestEmulator = {
    url: backend.url,
    apiUrl: `${backend.url}/api/`,
    token: backend.token,
    teamId: backend.teamId,
    process: backend.process,
    triggers,
    get appId() {
      return projects.last?.appId;
    },
    async deploy(dir) {
      open('deploy()');
      const folder = dir ?? o.project;
      if (folder === undefined) throw new RosiTestingError('no_project', 'deploy() needs a folder, or startEmulator({ project }).');
      return projects.deploy(folder);
    },
    seed: async (datastore, items) => putItems(client, appId(`seed(${datastore})`), datastore, items),
    datastore: (name) => datastoreOf(client, () => appId(`datastore(${name})`), name),
    createTrigger(trigger) {
      open('createTrigger()');
      return projects.createTrigger(trigger);
    },
    fire(trigger, data = {}, f = {}) {
      open('fire()');
      return fireAndWait(client, trigger, data, { timeoutMs: f.timeout ?? o.fireTimeout ?? DEFAULT_FIRE_TIMEOUT_MS, appId: projects.last?.appId });
    },
    messages(channel) {
      open('messages()');
      return messagesIn(client, channel);
    },
    async checkpoint() {
      open('checkpoint()');
      await backend.checkpoint();
      projects.checkpoint();
    },
    async reset() {
      open('reset()');
      await backend.reset();
      projects.reset();
    },
    close() {
      closed ??= backend.close().finally(() => rmSync(home, { recursive: true, force: true }));
      return closed;
    },
    [Symbol.asyncDispose]() {
      return api.close();
    },
  };
  return { api, client, triggers };
}

/** The options, or an error naming the one that will not do. */
function checked(o: StartOptions): StartOptions {
  if (o.process !== undefined && o.process !== 'in-process' && o.process !== 'child')
    throw new RosiTestingError('bad_option', `process must be 'in-process' or 'child', not ${JSON.stringify(o.process)}`);
  for (const name of ['functionTimeout', 'fireTimeout'] as const) {
    const v = o[name];
    if (v !== undefined && !(Number.isFinite(v) && v > 0)) throw new RosiTestingError('bad_option', `${name} is milliseconds, more than 0: not ${String(v)}`);
  }
  if (o.project !== undefined && !(existsSync(o.project) && statSync(o.project).isDirectory()))
    throw new RosiTestingError('no_project', `project: there is no project folder at ${resolve(o.project)}`);
  return { ...o, ...(o.project === undefined ? {} : { project: resolve(o.project) }) };
}

function answersOf(answers: string | Record<string, unknown>): Record<string, unknown> {
  if (typeof answers !== 'string') return answers;
  try {
    return JSON.parse(readFileSync(answers, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new RosiTestingError('bad_answers', `answers: cannot read ${answers} as JSON (${reasonOf(e)})`);
  }
}
