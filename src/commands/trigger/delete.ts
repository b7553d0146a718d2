import { defineCommand } from '../../kit/define-command.js';
import { APP_NOTE } from '../../kit/flags.js';
import { TRIGGER_ID_FLAG } from './shared.js';

export const deleteCommand = defineCommand({
  name: 'delete',
  summary: 'Delete a trigger',
  description:
    'Deletes the trigger: its link or webhook URL stops working at once, and a schedule stops running. There is no undo.\n' +
    'On a terminal rosi asks first (--force skips the question); elsewhere --force is needed, and without it the command fails naming it (exit 2), nothing deleted.\n' +
    'Without --trigger-id, on a terminal rosi lists the app’s triggers to choose from; elsewhere it fails naming --trigger-id (exit 2).\n' +
    '--json prints {"trigger_id", "deleted": true}.\n' +
    APP_NOTE,
  flags: [TRIGGER_ID_FLAG],
  examples: [
    { meaning: 'Delete a trigger, after a question', command: 'rosi trigger delete --trigger-id Ft0123ABCDEF' },
    { meaning: 'In CI, without the question', command: 'rosi trigger delete --trigger-id Ft0123ABCDEF --force --app A0123ABCDEF' },
  ],
  load: () => import('./delete.run.js'),
});
