// What the rest of the emulator uses of workflows: the function runner interface (the Deno runtime implements
// it), the engine the server makes, and the runner used when none is given.
export type { FunctionRunner, FunctionRunResult } from './function-runner.js';
export { unavailableRunner } from './function-runner.js';
export { WorkflowEngine, type EngineOptions, type StartOutcome } from './engine.js';
