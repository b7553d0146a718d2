import { defineCommand } from '../../kit/define-command.js';
import { APP_NOTE } from '../../kit/flags.js';

export const traceCommand = defineCommand({
  name: 'trace',
  summary: 'Draw one execution as a timeline tree',
  description:
    'Every activity of one execution (all levels), ordered and drawn as a tree: trigger → workflow → steps and functions → their output and datastore calls, ' +
    'each with its offset from the start and its duration; a failed step is marked and shows its error. --json prints the same tree as data.\n' +
    `The trace ID is in every line of \`rosi activity\` (Trace=…). ${APP_NOTE}`,
  args: [{ name: 'trace_id', description: 'the execution’s trace ID (Trace=… in `rosi activity`)' }],
  examples: [
    { meaning: 'How one run went', command: 'rosi activity trace Tr0123ABCDEF' },
    {
      meaning: 'The latest failed workflow, as a tree',
      command: 'rosi activity --level error --event workflow_execution_result --limit 1\nrosi activity trace <Trace= of that line>',
    },
  ],
  load: () => import('./trace.run.js'),
});
