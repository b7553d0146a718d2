import { UsageError } from '../errors/cli-error.js';
import { variableNameProblem, variableValueProblem } from '../lib/variable-rules.js';

/** A hosted environment variable as it is sent: the value is a secret, so nothing prints it. */
export interface Variable {
  name: string;
  value: string;
}

/**
 * Refuses a name the platform would not take, before anything is sent.
 *
 * @param where what the user typed it in: `<name>`, `line 3 of .env`.
 * @throws UsageError `invalid_variable_name`.
 */
export function checkName(name: string, where: string): void {
  const problem = variableNameProblem(name);
  if (problem) {
    throw new UsageError(`${JSON.stringify(name)} (${where}) is not a usable variable name: ${problem}`, {
      code: 'invalid_variable_name',
      hint: 'Use a name like API_KEY or _token2.',
    });
  }
}

/**
 * Refuses a value that is empty or too large, before anything is sent, naming the variable
 * and never the value. An empty value is refused too: it is most often a CI secret that was
 * not set (`echo "$SECRET" | rosi env set NAME --value-file -`), not a wish.
 *
 * @throws UsageError `invalid_variable_value`.
 */
export function checkValue(v: Variable, where: string): void {
  const problem = v.value === '' ? 'the value is empty' : variableValueProblem(v.value);
  if (problem) {
    throw new UsageError(`${v.name} (${where}): ${problem}`, {
      code: 'invalid_variable_value',
      hint: v.value === '' ? 'Give a value; to remove the variable use `rosi env unset`.' : undefined,
    });
  }
}
