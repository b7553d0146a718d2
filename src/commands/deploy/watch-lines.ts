import { isCliError } from '../../errors/cli-error.js';
import type { Colors } from '../../io/colors.js';
import { redact } from '../../lib/redact.js';

/** What changed, short: the first path, then how many more. */
export function changeSummary(changed: readonly string[]): string {
  const [first] = changed;
  if (first === undefined) return 'nothing';
  return changed.length === 1 ? first : `${first} and ${changed.length - 1} more`;
}

/** The wall-clock time of a redeploy line, HH:MM:SS in the local time zone. */
export const clockTime = (d: Date): string => d.toTimeString().slice(0, 8);

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export interface Redeployed {
  at: Date;
  changed: readonly string[];
  durationMs: number;
  appName: string;
  appId: string;
}

export function redeployedLine(r: Redeployed, c: Colors): string {
  return `${c.dim(clockTime(r.at))} ${c.green('✓')} redeployed ${c.bold(r.appName)} (${r.appId}) in ${seconds(r.durationMs)}: ${changeSummary(r.changed)} changed`;
}

export function failedLine(at: Date, changed: readonly string[], durationMs: number, c: Colors): string {
  return `${c.dim(clockTime(at))} ${c.red('✗')} redeploy failed after ${seconds(durationMs)}: ${changeSummary(changed)} changed`;
}

/** A failed redeploy's error as a failed `rosi deploy` prints it (message, code, details, hint), indented; never a stack. */
export function errorLines(e: unknown, c: Colors): string[] {
  if (!isCliError(e)) return [`  ${redact(`Unexpected error: ${e instanceof Error ? e.message : String(e)}`)}`];
  const lines = [`  ${e.message} ${c.dim(`(${e.code})`)}`, ...e.details.map((d) => `    - ${d}`)];
  if (e.hint) lines.push(`  ${c.bold('Hint:')} ${e.hint}`);
  return lines.map(redact);
}

/** A failed redeploy as a `--json` line: the error as `rosi deploy --json` prints one, and what changed. */
export function errorJson(e: unknown, changed: readonly string[]): { error: Record<string, unknown>; changed: readonly string[] } {
  const error: Record<string, unknown> = isCliError(e)
    ? { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}), ...(e.details.length ? { details: e.details } : {}) }
    : { code: 'unexpected_error', message: e instanceof Error ? e.message : String(e) };
  return { error, changed };
}
