// The emulator's one entry point: the CLI loads it (and SQLite behind it) only for `rosi emulator`.
export { startEmulator } from './http/server.js';
export * from './defaults.js';
export { SEEDED_APP_ID } from './apps/index.js';
export { parseFaults } from './http/faults.js';
export { loadSqlite, type BuildProbe } from './db/index.js';
export { isEmulatorError, type EmulatorError, type EmulatorErrorKind } from './errors.js';
// The function runtime on its own: what the built bundle's tests drive, with a real Deno.
export { createRuntime, DENO_FIX, denoArgs, type FunctionRun, type FunctionRunResult, type Runtime } from './runtime/index.js';
// Where Deno is, for rosi/testing's findDeno (a suite skips its function tests without one).
export { findDeno } from './runtime/index.js';
// rosi emulator snapshot and the state flags: a snapshot checked on this side before it is sent or kept.
export { checkSnapshot, snapshotStreamCheck, SNAPSHOT_MEDIA_TYPE, SNAPSHOT_PATH, type SnapshotHeader, type SnapshotStreamCheck } from './snapshot/index.js';
export type { SeedResult } from './datastore/index.js';
