import { defineCommand } from '../../kit/define-command.js';
import { APP_NOTE } from '../../kit/flags.js';
import { DEFINITION_FLAGS, DEFINITION_NOTE, TRIGGER_JSON_NOTE } from './shared.js';

export const createCommand = defineCommand({
  name: 'create',
  summary: 'Create a trigger from a definition file, or a link trigger for a workflow',
  description:
    'Creates the trigger on the app and prints it, with its URL for a link or webhook trigger; stderr says how to choose who can run it.\n' +
    `${DEFINITION_NOTE}\n` +
    `--json prints the trigger. ${TRIGGER_JSON_NOTE}\n` +
    APP_NOTE,
  flags: DEFINITION_FLAGS,
  examples: [
    { meaning: 'Create the trigger a definition file describes', command: 'rosi trigger create --trigger-def triggers/greet.ts' },
    { meaning: 'A link trigger for a workflow, no file needed', command: 'rosi trigger create --workflow "#/workflows/greet" --title "Say hello"' },
    { meaning: 'Choose one of the project’s definition files', command: 'rosi trigger create' },
    { meaning: 'In CI, as JSON', command: 'rosi trigger create --trigger-def triggers/daily.json --app A0123ABCDEF --json' },
  ],
  load: () => import('./create.run.js'),
});
