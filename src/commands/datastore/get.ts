import { defineCommand } from '../../kit/define-command.js';
import { APP_NOTE } from '../../kit/flags.js';
import { commonFlags, EXPRESSION_NOTE } from './shared.js';

export const getCommand = defineCommand({
  name: 'get',
  summary: 'Get an item by its primary key',
  description:
    'Prints the item as JSON on stdout. An item that does not exist prints "Not found" on stderr and exits 1, so scripts can tell it apart from an item.\n' +
    `${APP_NOTE}\n${EXPRESSION_NOTE}`,
  args: [{ name: 'id', description: 'the primary key, or a JSON expression \'{"id": "42"}\'', optional: true }],
  flags: commonFlags,
  examples: [
    { meaning: 'Get the item with primary key 42', command: 'rosi datastore get 42 --datastore tasks' },
    { meaning: 'The same, as the official CLI writes it', command: 'rosi datastore get \'{"datastore": "tasks", "id": "42"}\'' },
    { meaning: 'One field of it', command: 'rosi datastore get 42 --datastore tasks --json | jq -r .item.status' },
  ],
  load: () => import('./get.run.js'),
});
