// What the rest of the emulator uses of the function runtime: start one, unpack a deployment, run an execution.
export { createRuntime, DEFAULT_OUTPUT_CAP_BYTES, type Runtime, type RuntimeSettings } from './runtime.js';
export { denoArgs, type FunctionRun, type FunctionRunOutcome, type FunctionRunResult, type InvocationPayload } from './run-function.js';
export { BundleUnpackError, type DeployedBundle } from './bundle-folder.js';
export { DENO_FIX, findDeno, type DenoLocation, type DenoSearch } from './deno-path.js';
