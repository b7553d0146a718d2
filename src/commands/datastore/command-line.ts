import type { Context } from '../../context/context.js';

/** A word as a POSIX shell reads it back: bare when it is safe, in single quotes otherwise. */
export function shellWord(w: string): string {
  return /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/**
 * `rosi <words…>` plus the global flags that chose this run's host, team and app, so a hint
 * runs as printed. A --token is left out: a hint must not repeat a secret.
 */
export function rosiCommand(ctx: Context, words: readonly string[], app = ctx.globals.app): string {
  const g = ctx.globals;
  const flags = [
    ...(g.apihost ? ['--apihost', g.apihost] : []),
    ...(g.configDir ? ['--config-dir', g.configDir] : []),
    ...(g.team ? ['--team', g.team] : []),
    ...(app ? ['--app', app] : []),
    ...(g.tokenFile && g.tokenFile !== '-' ? ['--token-file', g.tokenFile] : []),
  ];
  return ['rosi', ...words, ...flags].map(shellWord).join(' ');
}
