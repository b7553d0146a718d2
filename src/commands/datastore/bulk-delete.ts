import { defineCommand } from '../../kit/define-command.js';
import { APP_NOTE } from '../../kit/flags.js';
import { commonFlags, EXPRESSION_NOTE } from './shared.js';

export const bulkDeleteCommand = defineCommand({
  name: 'bulk-delete',
  summary: 'Delete many items by primary key',
  description:
    'Sends 25 IDs to a call. IDs Slack could not delete are printed on stdout, one per line, and the command exits 1.\n' + `${APP_NOTE}\n${EXPRESSION_NOTE}`,
  args: [{ name: 'ids', description: 'primary keys, or one JSON expression \'{"ids": ["1", "2"]}\'', optional: true, variadic: true }],
  flags: commonFlags,
  examples: [
    { meaning: 'Delete three tasks', command: 'rosi datastore bulk-delete 1 2 3 --datastore tasks' },
    { meaning: 'The same, as the official CLI writes it', command: 'rosi datastore bulk-delete \'{"datastore": "tasks", "ids": ["1", "2", "3"]}\'' },
  ],
  load: () => import('./bulk-delete.run.js'),
});
