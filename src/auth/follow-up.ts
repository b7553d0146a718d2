import { DEFAULT_API_HOST } from '../config/api-host.js';
import { shellWord } from '../lib/shell-word.js';

/** What a printed command must repeat to reach the same host and the same credentials file. */
export interface Scope {
  apiHost?: string | undefined;
  /** Only when --config-dir was given: SLACK_CONFIG_DIR is still set in the shell that reads the hint. */
  configDir?: string | undefined;
  team?: string | undefined;
}

/**
 * A rosi command line for a hint that runs as printed: `rosi login --apihost http://127.0.0.1:5810
 * --ticket T --challenge <code>`. `tail` comes last and is not quoted (it may hold placeholders).
 */
export function rosiCommand(verb: string, scope: Scope, tail = ''): string {
  const parts = ['rosi', verb];
  if (scope.apiHost && scope.apiHost !== DEFAULT_API_HOST) parts.push('--apihost', shellWord(scope.apiHost));
  if (scope.team) parts.push('--team', shellWord(scope.team));
  if (scope.configDir) parts.push('--config-dir', shellWord(scope.configDir));
  if (tail) parts.push(tail);
  return parts.join(' ');
}

/**
 * The credentials folder, resolved, when --config-dir named it (SLACK_CONFIG_DIR stays set in the user's shell).
 * `flags` holds the run's --config-dir as typed; `paths` the folder it resolved to.
 */
export function flaggedConfigDir(flags: { configDir?: string | undefined }, paths: { configDir: string }): string | undefined {
  return flags.configDir === undefined ? undefined : paths.configDir;
}

/**
 * The global flags a command run was given, as far as a re-run needs them: a command
 * declares them in its options (kit/global-options.ts `addressOptions`) and passes those.
 */
export interface RunFlags {
  apihost?: string | undefined;
  configDir?: string | undefined;
  team?: string | undefined;
  app?: string | undefined;
  tokenFile?: string | undefined;
}

/**
 * `rosi <words…>` plus the global flags that chose this run's host, team and app, so a hint
 * runs as printed. A --token is left out: a hint must not repeat a secret.
 */
export function rerunCommand(g: RunFlags, words: readonly string[], app = g.app): string {
  const flags = [
    ...(g.apihost ? ['--apihost', g.apihost] : []),
    ...(g.configDir ? ['--config-dir', g.configDir] : []),
    ...(g.team ? ['--team', g.team] : []),
    ...(app ? ['--app', app] : []),
    ...(g.tokenFile && g.tokenFile !== '-' ? ['--token-file', g.tokenFile] : []),
  ];
  return ['rosi', ...words, ...flags].map(shellWord).join(' ');
}
