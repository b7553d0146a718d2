import type { Context } from '../../context/context.js';
import { stringFlag, type RawInput } from '../../kit/define-command.js';
import { dynamicSources, formatCandidates } from './candidates.js';

/**
 * The protocol the completion scripts speak: `rosi __complete <source> [--config-dir D] -- <partial>`
 * prints one `value<TAB>description` line per candidate. Sources are `teams`, `apps`,
 * `datastores` and `attributes` (the last two from the project's manifest file), `triggers`
 * (those rosi has seen for `--app`, else for the project's apps) and `trigger-files`.
 */
export interface CompleteOptions {
  source: string;
  partial: string;
  /** The --app on the line being completed, which `triggers` needs. */
  app: string | undefined;
}

export function parse(raw: RawInput): CompleteOptions {
  const [source = '', partial = ''] = raw.rest ?? [];
  return { source, partial, app: stringFlag(raw, 'app') };
}

/**
 * Runs on every Tab press, so it reads local files only and reports nothing: an unknown
 * source, a missing login or a damaged file all mean "no candidates", exit 0, and a
 * terminal the user is typing in stays clean.
 */
export async function run(ctx: Context, o: CompleteOptions): Promise<void> {
  const source = Object.hasOwn(dynamicSources, o.source) ? dynamicSources[o.source] : undefined;
  if (!source) return;
  let lines: string[];
  try {
    lines = formatCandidates(await source(ctx, { app: o.app }), o.partial);
  } catch {
    return;
  }
  for (const line of lines) ctx.io.out(line);
}
