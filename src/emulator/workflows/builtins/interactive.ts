import { newInteractivityPointer, newAppSecret } from '../../ids.js';
import { answerFor, unanswered } from '../answers.js';
import { parameterProblems, type ParameterSpec } from '../parameters.js';
import type { BuiltinOutcome, BuiltinRun } from './builtin.js';

/**
 * What a person's answer to an interactive built-in gives, from the answers set ahead of time (answers.ts):
 * checked against the outputs Slack's definition declares, so a misspelt or missing output fails the step
 * saying so. An `interactivity` output left out is made up for the workflow's actor, as a submission brings one.
 * No answer fails the step: the emulator never pretends a person answered.
 */
export function personsAnswer(r: BuiltinRun, builtin: string, outputs: readonly ParameterSpec[], example: string): BuiltinOutcome {
  const step = { builtin, workflow: r.workflow, stepId: r.stepId };
  const answer = answerFor(r.deps.answers, step);
  if (!answer) return { error: unanswered(step, example) };
  const where = `the answer for ${builtin} (key "${answer.key}" of --answers or POST /__emulator/answers)`;
  const known = outputs.map((p) => p.name);
  const stray = Object.keys(answer.outputs).filter((k) => !known.includes(k));
  if (stray.length > 0)
    return { error: `invalid_answer: ${where} has ${stray.map((k) => `\`${k}\``).join(', ')}; ${builtin}'s outputs are ${known.join(', ')}` };
  const given: Record<string, unknown> = { ...answer.outputs };
  if (known.includes('interactivity') && given.interactivity === undefined) {
    given.interactivity = { interactivity_pointer: newInteractivityPointer(), interactor: { id: r.actor, secret: newAppSecret() } };
  }
  const problems = parameterProblems(outputs, given);
  if (problems.length > 0) return { error: `invalid_answer: ${where}: ${problems.map((p) => p.message).join('; ')}` };
  return { outputs: given };
}
