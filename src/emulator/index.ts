// The emulator's one entry point: the CLI loads it (and SQLite behind it) only for `rosi emulator`.
export { startEmulator } from './server.js';
export * from './defaults.js';
export { SEEDED_APP_ID } from './seed-app.js';
export { parseFaults } from './faults.js';
export { loadSqlite, type BuildProbe } from './sqlite.js';
