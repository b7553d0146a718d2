import { readFileSync } from 'node:fs';
import { isObject } from '../../lib/is-object.js';
import type { InteractiveAnswers } from '../deps.js';
import { EmulatorError } from '../errors.js';

/*
 * Built-ins that need a person (open_form, a send_message with interactive_blocks) never succeed by
 * themselves: the emulator has no one to ask. Their outputs come from answers given ahead of time, a JSON
 * object whose keys name a step or a built-in and whose values are the outputs a person's answer gives:
 *
 *   {"my_workflow/1": {"fields": {"title": "Printer jam"}}, "open_form": {"fields": {}}, "send_message": {"action": {…}}}
 *
 * `<workflow callback_id>/<step id>` answers that one step and wins over the built-in's name, which answers
 * every step of that built-in. An answer is used as often as it is asked for. `rosi emulator --answers <file>`
 * reads them at start; POST /__emulator/answers (with --control) replaces them with its body.
 */

const STEP_KEY = /^[^/\s]+\/[^/\s]+$/;

/** What is wrong with a set of answers (the file's or the endpoint's JSON); undefined when it is usable. */
export function answersProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'it must be a JSON object: {"<built-in>" or "<workflow>/<step id>": {<output>: <value>, …}}';
  for (const [key, outputs] of Object.entries(value)) {
    if (!STEP_KEY.test(key) && !/^[a-z_]+$/.test(key)) return `the key ${JSON.stringify(key)} is neither a built-in's name nor <workflow>/<step id>`;
    if (!isObject(outputs)) return `the answer for ${JSON.stringify(key)} must be a JSON object of outputs`;
  }
  return undefined;
}

/** The --answers file, read and checked at start; a bad one stops the emulator with what to fix. */
export function readAnswersFile(file: string): InteractiveAnswers {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (e) {
    const why = e instanceof SyntaxError ? `it is not valid JSON (${e.message})` : `it cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
    throw new EmulatorError('invalid_answers', `--answers ${file}: ${why}`, { kind: 'usage', hint: ANSWERS_HINT });
  }
  const problem = answersProblem(value);
  if (problem) throw new EmulatorError('invalid_answers', `--answers ${file}: ${problem}`, { kind: 'usage', hint: ANSWERS_HINT });
  return value as InteractiveAnswers;
}

const ANSWERS_HINT = 'Give a JSON object such as {"open_form": {"fields": {"title": "x"}}} (see the emulator README, Workflows).';

/** The answer for a step of a built-in: the step's own, else the built-in's; with the key it was found under. */
export function answerFor(
  answers: InteractiveAnswers,
  s: { builtin: string; workflow: string; stepId: string },
): { key: string; outputs: Readonly<Record<string, unknown>> } | undefined {
  for (const key of [`${s.workflow}/${s.stepId}`, s.builtin]) {
    const outputs = answers[key];
    if (outputs) return { key, outputs };
  }
  return undefined;
}

/** The failure of a step no one answered: why, and the two ways to answer it. */
export const unanswered = (s: { builtin: string; workflow: string; stepId: string }, example: string) =>
  `no_answer: ${s.builtin} needs a person and the emulator cannot ask one (workflow ${s.workflow}, step ${s.stepId}); ` +
  `give the outputs a person's answer would with rosi emulator --answers <file> holding {"${s.workflow}/${s.stepId}": ${example}} ` +
  `(or "${s.builtin}" as the key, for every such step), or POST the same JSON to /__emulator/answers (with --control)`;
