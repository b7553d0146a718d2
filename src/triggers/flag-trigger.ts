// A link trigger described by --workflow and its property flags that cannot be made as described. The user
// typed flags, not a file, so the messages speak of flags; what flags cannot say (a workflow input's value)
// needs a definition file, and the definition the flags began is where that file starts.
import { UsageError } from '../errors/cli-error.js';
import type { MissingParameter, TriggerFieldError } from '../lib/trigger-rules/types.js';

export const INTERACTIVITY_TYPE = 'slack#/types/interactivity';

/** The flags a link trigger was described with, and the definition they make. */
export interface TriggerFlagsSource {
  /** `--workflow/--title`: the property flags given, as the messages name them. */
  flags: string;
  /** The workflow's callback ID. */
  callbackId: string;
  definition: Record<string, unknown>;
}

/**
 * The definition the flags describe failed the checks (exit 2, nothing sent). `missing` are the workflow's
 * required inputs the flags left without a value: a command names the file that can give them.
 */
export class InvalidTriggerFlagsError extends UsageError {
  readonly source: TriggerFlagsSource;
  readonly missing: readonly MissingParameter[];

  constructor(source: TriggerFlagsSource, errors: readonly TriggerFieldError[]) {
    const count = errors.length === 1 ? '1 problem' : `${errors.length} problems`;
    super(`The trigger described by ${source.flags} is not valid (${count})`, {
      code: 'invalid_trigger_definition',
      // A missing input's own advice ("give it {"value": …}") is for a file; the hint says what flags can do.
      details: errors.map((e) => `${e.field}: ${e.missing ? `is required by #/workflows/${source.callbackId} (type ${e.missing.type})` : e.message}`),
      hint: `Change the flags and run the command again; nothing was sent.`,
    });
    this.source = source;
    this.missing = errors.flatMap((e) => (e.missing ? [e.missing] : []));
  }
}

/** What a missing input is given in a starting definition: the click, the clicking user and channel, else a placeholder. */
function startingValue(m: MissingParameter): string {
  if (m.type === INTERACTIVITY_TYPE) return '{{data.interactivity}}';
  if (m.type === 'slack#/types/user_id') return '{{data.user_id}}';
  if (m.type === 'slack#/types/channel_id') return '{{data.channel_id}}';
  return `<${m.name}>`;
}

/** The flags' definition with a value for each missing input: the file to write when flags cannot say enough. */
export function startingDefinition(source: TriggerFlagsSource, missing: readonly MissingParameter[]): Record<string, unknown> {
  const given = (source.definition.inputs ?? {}) as Record<string, unknown>;
  const inputs: Record<string, unknown> = { ...given };
  for (const m of missing) inputs[m.name] = { value: startingValue(m) };
  return { ...source.definition, inputs };
}

/** True when the placeholder of {@link startingDefinition} still has to be replaced by the user. */
export const needsFillingIn = (missing: readonly MissingParameter[]): boolean => missing.some((m) => !startingValue(m).startsWith('{{'));
