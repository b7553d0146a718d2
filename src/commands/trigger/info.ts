import { defineCommand } from '../../kit/define-command.js';
import { APP_NOTE } from '../../kit/flags.js';
import { TRIGGER_ID_FLAG, TRIGGER_JSON_NOTE } from './shared.js';

export const infoCommand = defineCommand({
  name: 'info',
  aliases: ['information', 'show'],
  summary: 'Show a trigger and who can run it',
  description:
    'Prints the trigger (name, ID, type, workflow, when it was made, its URL, event or next run, times in your time zone) and who can run it.\n' +
    'Without --trigger-id, on a terminal rosi lists the app’s triggers to choose from; elsewhere it fails naming --trigger-id (exit 2).\n' +
    `--json prints {"trigger", "access": {"permission_type", "user_ids", "channel_ids", "team_ids", "org_ids"}}. ${TRIGGER_JSON_NOTE}\n` +
    APP_NOTE,
  flags: [TRIGGER_ID_FLAG],
  examples: [
    { meaning: 'One trigger in full', command: 'rosi trigger info --trigger-id Ft0123ABCDEF' },
    { meaning: 'As JSON', command: 'rosi trigger info --trigger-id Ft0123ABCDEF --json' },
  ],
  load: () => import('./info.run.js'),
});
