import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { control, runRosi, startEmulator, tempHome, type EmulatorHandle, type RunResult } from '../helpers/e2e.js';
import { loginSplit } from './login-helpers.js';

// A small app written for one test, deployed with the built CLI to a built emulator whose functions run in
// real Deno, and run by firing a trigger: what the workflow and runtime e2e tests share.

type Parameters = Record<string, { type: string }>;

export interface FunctionSource {
  /** The function file's text (TypeScript; the built-in build bundles it). */
  source: string;
  inputs?: Parameters;
  outputs?: Parameters;
}

export interface WorkflowSource {
  inputs?: Parameters;
  steps: { id: string; function_id: string; inputs: Record<string, unknown> }[];
}

export interface AppSource {
  functions: Record<string, FunctionSource>;
  workflows: Record<string, WorkflowSource>;
  outgoingDomains?: string[];
}

export interface Step {
  function_id: string;
  status: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  error?: string;
}

export interface Execution {
  id: string;
  trace_id: string;
  status: string;
  steps: Step[];
}

export interface DeployedApp {
  dir: string;
  appId: string;
  /** The built CLI in the app's folder, logged in to the emulator. */
  rosi(args: string[], env?: Record<string, string>): Promise<RunResult>;
  /** Fires the workflow's trigger with `data` (its inputs are `{{data.<input>}}`) and answers the new execution's ID. */
  start(workflow: string, data?: Record<string, unknown>): Promise<string>;
  /** Fires the workflow's trigger and waits for its execution to end. */
  run(workflow: string, data?: Record<string, unknown>): Promise<Execution>;
  /** The execution as the emulator's executions endpoint shows it, once `done` holds (by default: it has ended). */
  execution(id: string, done?: (x: Execution) => boolean): Promise<Execution>;
}

export interface DeployedApps {
  emu: EmulatorHandle;
  home: string;
  /** `env` is added to every rosi run for the app (e.g. ROSI_TOKEN, to deploy as someone else). */
  deploy(name: string, app: AppSource, env?: Record<string, string>): Promise<DeployedApp>;
}

/**
 * One emulator (in memory, control endpoints on, with `emulatorArgs` added) and one temp HOME logged in to
 * it, for a test file; `deploy` writes an app into the HOME and deploys it with rosi.
 */
export function useDeployedApps(emulatorArgs: string[] = []): DeployedApps {
  let emu: EmulatorHandle | undefined;
  let home: string | undefined;
  let cleanup: (() => void) | undefined;
  beforeAll(async () => {
    const temp = tempHome();
    ({ home, cleanup } = temp);
    emu = await startEmulator(['--in-memory', '--control', ...emulatorArgs], temp.home);
    await loginSplit(emu, temp.home);
  }, 60_000);
  afterAll(async () => {
    await emu?.stop();
    cleanup?.();
  });
  const the = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('the emulator has not started');
    return v;
  };
  return {
    get emu() {
      return the(emu);
    },
    get home() {
      return the(home);
    },
    deploy: (name, app, env = {}) => deployApp(the(emu), the(home), name, app, env),
  };
}

async function deployApp(emu: EmulatorHandle, home: string, name: string, app: AppSource, appEnv: Record<string, string>): Promise<DeployedApp> {
  const dir = join(home, name);
  writeApp(dir, name, app);
  const rosi = (args: string[], env: Record<string, string> = {}) =>
    runRosi(args, { home, cwd: dir, env: { TZ: 'UTC', ...appEnv, ...env }, timeoutMs: 60_000 });
  const deployed = await rosi(['deploy', '--json']);
  expect(deployed.code, deployed.stderr).toBe(0);
  const appId = (JSON.parse(deployed.stdout) as { app_id: string }).app_id;

  const triggers = new Map<string, string>();
  const triggerOf = async (workflow: string) => {
    const known = triggers.get(workflow);
    if (known) return known;
    const made = await rosi(['trigger', 'create', '--trigger-def', `triggers/${workflow}.json`, '--json']);
    expect(made.code, made.stderr).toBe(0);
    const { id } = JSON.parse(made.stdout) as { id: string };
    triggers.set(workflow, id);
    return id;
  };
  const start = async (workflow: string, data: Record<string, unknown> = {}) => {
    const fired = await control<{ workflow_execution_id: string }>(emu, 'triggers/fire', { trigger_id: await triggerOf(workflow), data });
    return fired.workflow_execution_id;
  };
  const execution = async (id: string, done: (x: Execution) => boolean = (x) => x.status !== 'running') => {
    const deadline = Date.now() + 45_000;
    for (;;) {
      const { executions } = await control<{ executions: Execution[] }>(emu, `executions?app_id=${appId}`);
      const x = executions.find((e) => e.id === id);
      if (x && done(x)) return x;
      if (Date.now() > deadline) throw new Error(`execution ${id} did not get there: ${JSON.stringify(x)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { dir, appId, rosi, start, execution, run: async (workflow, data) => execution(await start(workflow, data)) };
}

/** The app's files: a plain-object manifest (no SDK), one file per function, one webhook trigger per workflow. */
function writeApp(dir: string, name: string, app: AppSource): void {
  mkdirSync(join(dir, 'functions'), { recursive: true });
  mkdirSync(join(dir, 'triggers'), { recursive: true });
  mkdirSync(join(dir, '.slack'), { recursive: true });
  writeFileSync(join(dir, '.slack', 'hooks.json'), JSON.stringify({ runtime: 'deno', hooks: {} }));
  const parameters = (p: Parameters = {}) => ({ properties: p, required: Object.keys(p) });
  const manifest = {
    _metadata: { major_version: 2 },
    display_information: { name },
    settings: { function_runtime: 'slack' },
    outgoing_domains: app.outgoingDomains ?? [],
    oauth_config: { scopes: { bot: ['commands', 'datastore:read', 'datastore:write'] } },
    datastores: { notes: { primary_key: 'id', attributes: { id: { type: 'string' }, text: { type: 'string' } } } },
    functions: Object.fromEntries(
      Object.entries(app.functions).map(([id, f]) => {
        writeFileSync(join(dir, 'functions', `${id}.ts`), f.source);
        return [id, { title: id, source_file: `functions/${id}.ts`, input_parameters: parameters(f.inputs), output_parameters: parameters(f.outputs) }];
      }),
    ),
    workflows: Object.fromEntries(
      Object.entries(app.workflows).map(([id, w]) => {
        const inputs = Object.fromEntries(Object.keys(w.inputs ?? {}).map((k) => [k, { value: `{{data.${k}}}` }]));
        const trigger = { type: 'webhook', name: `Run ${id}`, workflow: `#/workflows/${id}`, inputs };
        writeFileSync(join(dir, 'triggers', `${id}.json`), JSON.stringify(trigger));
        return [id, { title: id, input_parameters: parameters(w.inputs), steps: w.steps }];
      }),
    ),
  };
  writeFileSync(join(dir, 'manifest.ts'), `export default ${JSON.stringify(manifest, null, 2)};\n`);
}
