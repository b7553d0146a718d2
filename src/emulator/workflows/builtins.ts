import { stableId } from '../ids.js';
import type { Builtin, BuiltinOutcome, BuiltinRun } from './builtins/builtin.js';
import { directoryBuiltins } from './builtins/directory.js';
import { messageBuiltins } from './builtins/messages.js';
import { peopleBuiltins } from './builtins/people.js';
import { parameterErrors } from './parameters.js';

export type { BuiltinOutcome, BuiltinRun } from './builtins/builtin.js';

/*
 * Slack's built-in functions the emulator runs (runtime contract §6.3 item 3). Simplifies: only these;
 * a workflow step naming any other built-in (or a connector) fails with function_not_supported_by_emulator,
 * never pretends to succeed. Messages go to the emulator's message log (GET /__emulator/messages), not to
 * anyone's Slack; what a person would answer comes from the answers set ahead of time (answers.ts).
 */
const BUILTINS: Record<string, Builtin> = { ...messageBuiltins, ...directoryBuiltins, ...peopleBuiltins };

export const BUILTIN_PREFIX = 'slack#/functions/';

/** The built-ins the emulator runs, by name. */
export const SUPPORTED_BUILTINS = Object.keys(BUILTINS);

/** The built-in's title, for its log entries; the name itself for one the emulator does not run. */
export const builtinTitle = (name: string) => BUILTINS[name]?.title ?? name;

/** The built-in's stable function ID (`Fn…`), the component of its log entries. */
export const builtinFunctionId = (name: string) => stableId('Fn', 'slack', 'function', name);

export async function runBuiltin(name: string, r: BuiltinRun): Promise<BuiltinOutcome> {
  const builtin = BUILTINS[name];
  if (!builtin) {
    return {
      error: `function_not_supported_by_emulator: the emulator does not run ${BUILTIN_PREFIX}${name} (it runs ${SUPPORTED_BUILTINS.join(', ')})`,
    };
  }
  const problems = parameterErrors(builtin.inputs ?? [], r.inputs);
  if (problems.length > 0) return { error: `parameter_validation_failed: ${problems.join('; ')}` };
  return builtin.run(r);
}
