import { defineCommand } from '../../kit/define-command.js';
import { APP_NOTE } from '../../kit/flags.js';
import { DEFINITION_FLAGS, DEFINITION_NOTE, TRIGGER_ID_FLAG, TRIGGER_JSON_NOTE } from './shared.js';

export const updateCommand = defineCommand({
  name: 'update',
  summary: 'Replace a trigger with a new definition',
  description:
    'Replaces the trigger whole, as Slack’s update does: there is no partial update, so anything the new definition leaves out ' +
    '(a description, an input, a filter) is gone afterwards. Its ID, URL and access stay.\n' +
    'Without --trigger-id, on a terminal rosi lists the app’s triggers to choose from; elsewhere it fails naming --trigger-id (exit 2).\n' +
    `${DEFINITION_NOTE}\n` +
    `--json prints the updated trigger. ${TRIGGER_JSON_NOTE}\n` +
    APP_NOTE,
  flags: [TRIGGER_ID_FLAG, ...DEFINITION_FLAGS],
  examples: [
    { meaning: 'Replace a trigger with what its file now says', command: 'rosi trigger update --trigger-id Ft0123ABCDEF --trigger-def triggers/greet.ts' },
    {
      meaning: 'Rename a link trigger (the other properties are replaced too)',
      command: 'rosi trigger update --trigger-id Ft0123ABCDEF --workflow greet --title "Say hi"',
    },
  ],
  load: () => import('./update.run.js'),
});
