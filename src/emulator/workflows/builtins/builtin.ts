import type { EmulatorDeps } from '../../deps.js';
import type { ParameterSpec } from '../parameters.js';

/** One built-in step as the engine hands it over. */
export interface BuiltinRun {
  deps: EmulatorDeps;
  appId: string;
  teamId: string;
  /** The workflow's callback ID and the step's ID: what an answer for an interactive built-in is keyed by. */
  workflow: string;
  stepId: string;
  /** Who runs the workflow (the interactor of an answered form). */
  actor: string;
  workflowExecutionId: string;
  functionExecutionId: string;
  inputs: Record<string, unknown>;
  /** Waits by the emulator's clock; rejects when the emulator closes. */
  sleep(ms: number): Promise<void>;
  delayCapMs: number;
}

export type BuiltinOutcome = { outputs: Record<string, unknown> } | { error: string };

export interface Builtin {
  title: string;
  /** Its input parameters as Slack declares them, checked before it runs; left out, the built-in checks its own. */
  inputs?: ParameterSpec[];
  run(r: BuiltinRun): Promise<BuiltinOutcome> | BuiltinOutcome;
}

/** A parameter list in the manifest's shape, as a built-in's definition in Slack's SDK has it. */
export const specs = (properties: Record<string, string>, required: string[]): ParameterSpec[] =>
  Object.entries(properties).map(([name, type]) => ({ name, type, required: required.includes(name) }));

export const seconds = (ms: number) => Math.floor(ms / 1000);
