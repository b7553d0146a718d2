// The emulator's one entry point: the CLI loads it (and SQLite behind it) only for `rosi emulator`.
export { startEmulator } from './http/server.js';
export * from './defaults.js';
export { SEEDED_APP_ID } from './apps/seed-app.js';
export { parseFaults } from './http/faults.js';
export { loadSqlite, type BuildProbe } from './db/sqlite.js';
