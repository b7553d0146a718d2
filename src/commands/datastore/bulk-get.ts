import { defineCommand } from '../../kit/define-command.js';
import { APP_NOTE } from '../../kit/flags.js';
import { commonFlags, EXPRESSION_NOTE } from './shared.js';

export const bulkGetCommand = defineCommand({
  name: 'bulk-get',
  summary: 'Get many items by primary key',
  description:
    'Asks 25 IDs to a call. Prints the items found like query does (a table, tab-separated values, or with --json {"datastore", "items", "failed_items"}); ' +
    'IDs that hold no item are counted on stderr and exit 0. IDs Slack failed to read are listed on stderr and exit 1.\n' +
    `${APP_NOTE}\n${EXPRESSION_NOTE}`,
  args: [{ name: 'ids', description: 'primary keys, or one JSON expression \'{"ids": ["1", "2"]}\'', optional: true, variadic: true }],
  flags: commonFlags,
  examples: [
    { meaning: 'Get three tasks', command: 'rosi datastore bulk-get 1 2 3 --datastore tasks' },
    { meaning: 'The same, as the official CLI writes it', command: 'rosi datastore bulk-get \'{"datastore": "tasks", "ids": ["1", "2", "3"]}\'' },
  ],
  load: () => import('./bulk-get.run.js'),
});
