import { defineGroup } from '../../kit/define-command.js';
import { listCommand } from './list.js';
import { traceCommand } from './trace.js';

export const activityGroup = defineGroup({
  name: 'activity',
  aliases: ['log', 'logs'],
  summary: 'Print or follow the app’s activity log',
  description:
    'The app’s activity log (apps.activities.list): `rosi activity` prints the newest entries, `--tail` follows new ones, and `rosi activity trace <id>` draws one execution as a tree. ' +
    'Logs are kept for 7 days.',
  defaultCommand: 'list',
  commands: [listCommand, traceCommand],
});
