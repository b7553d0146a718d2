/** The SQLite binding the emulator picks by itself on the Node running the tests. */
export function defaultSqliteDriver(version = process.versions.node): 'node' | 'better-sqlite3' {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  // node:sqlite without a flag, with StatementSync#iterate: 22.13+, 23.4+.
  return major > 23 || (major === 23 && minor >= 4) || (major === 22 && minor >= 13) ? 'node' : 'better-sqlite3';
}
