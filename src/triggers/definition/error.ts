import { UsageError } from '../../errors/cli-error.js';
import type { ManifestWorkflow, TriggerFieldError, TriggerRequest } from '../../lib/trigger-rules/types.js';
import { validateTrigger } from '../../lib/trigger-rules/validate.js';

/** The one error for a definition that failed validation: every problem, one detail line each, `field: message`. */
export function invalidTriggerError(source: string, errors: readonly TriggerFieldError[]): UsageError {
  const count = errors.length === 1 ? '1 problem' : `${errors.length} problems`;
  return new UsageError(`${source} is not a valid trigger definition (${count})`, {
    code: 'invalid_trigger_definition',
    details: errors.map((e) => `${e.field}: ${e.message}`),
    hint: `Fix ${source} and run the command again; nothing was sent.`,
  });
}

/**
 * {@link validateTrigger}, throwing {@link invalidTriggerError} (exit 2) when the definition has problems.
 * @param source the file (or hook) the definition came from, as the user named it.
 */
export function checkTrigger(def: unknown, workflows: readonly ManifestWorkflow[], source: string): TriggerRequest {
  const result = validateTrigger(def, { workflows });
  if (!result.ok) throw invalidTriggerError(source, result.errors);
  return result.request;
}
