import { specs, type Builtin, type BuiltinOutcome, type BuiltinRun } from './builtin.js';
import { personsAnswer } from './interactive.js';

/* The built-ins that wait: for time (delay) or for a person (open_form). */

async function delay(r: BuiltinRun): Promise<BuiltinOutcome> {
  const minutes = r.inputs.minutes_to_delay;
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0) return { error: 'invalid_arguments' };
  // Capped: a workflow that waits an hour on Slack waits at most delayCapMs here.
  await r.sleep(Math.min(minutes * 60_000, r.delayCapMs));
  return { outputs: {} };
}

/** What a submitted form gives (Slack's open_form outputs). */
const FORM_OUTPUTS = specs({ fields: 'object', interactivity: 'slack#/types/interactivity' }, ['fields', 'interactivity']);

export const peopleBuiltins: Record<string, Builtin> = {
  delay: { title: 'Delay this workflow', run: delay },
  open_form: {
    title: 'Open a form',
    inputs: specs(
      { title: 'string', description: 'string', submit_label: 'string', fields: 'slack#/types/form_input_object', interactivity: 'slack#/types/interactivity' },
      ['title', 'fields', 'interactivity'],
    ),
    run: (r) => personsAnswer(r, 'open_form', FORM_OUTPUTS, '{"fields": {"<field name>": "<value>"}}'),
  },
};
