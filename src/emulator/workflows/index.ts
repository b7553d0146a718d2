// What the rest of the emulator uses of workflows: the function runner interface (the Deno runtime implements
// it), the engine the server makes, the runner on the Deno runtime, one that fails every function, and the
// --answers file interactive built-ins answer from.
export type { FunctionRunner, FunctionRunResult } from './function-runner.js';
export { unavailableRunner } from './function-runner.js';
export { runtimeRunner } from './runtime-runner.js';
export { WorkflowEngine, type EngineOptions, type StartOutcome } from './engine.js';
export { readAnswersFile } from './answers.js';
// When a scheduled trigger runs next by the emulator's clock (the console shows it).
export { nextScheduledRun } from './scheduler.js';
