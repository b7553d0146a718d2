// The emulator's whole state as one file (format.ts, README.md), and as a checkpoint to reset to.
export { emulatorState, type EmulatorState, type StateParts } from './emulator-state.js';
export { openSnapshot } from './snapshot.js';
export { SnapshotError, SNAPSHOT_FORMAT, SNAPSHOT_MAGIC, type SnapshotHeader } from './format.js';
// rosi emulator snapshot: a file checked before it is sent, a download checked as it arrives.
export { checkSnapshot, snapshotStreamCheck, type SnapshotStreamCheck } from './format.js';
export { serveSnapshot, SNAPSHOT_PATH, SNAPSHOT_MEDIA_TYPE } from './serve-snapshot.js';
