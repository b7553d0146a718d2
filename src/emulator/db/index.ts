// The database underneath every service's store: the SQLite binding, the schema, the data
// folder's lock, and what a full disk means.
export type { DriverName, SqliteDatabase, SqliteDriver, Statement } from './driver.js';
export { loadSqlite, type BuildProbe } from './sqlite.js';
export { migrate, SCHEMA_VERSION } from './schema.js';
export { withDiskSeam, type DiskSeam } from './disk-seam.js';
export { DISK_FULL_ANSWER, isDiskFull, unlessDiskFull } from './disk-full.js';
export { DeferredWrites, FLUSH_AFTER_MS, type DroppedLogs } from './deferred-writes.js';
export { lockDataDir } from './data-dir-lock.js';
export { dataDirError } from './data-dir-errors.js';
