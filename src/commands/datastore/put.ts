import { defineCommand } from '../../kit/define-command.js';
import { APP_NOTE } from '../../kit/flags.js';
import { commonFlags, EXPRESSION_NOTE } from './shared.js';

export const putCommand = defineCommand({
  name: 'put',
  summary: 'Create or replace an item',
  description:
    'Stores the item, replacing any item with the same primary key, and prints it as JSON on stdout. The item must hold the datastore’s primary key.\n' +
    `${APP_NOTE}\n${EXPRESSION_NOTE}`,
  args: [{ name: 'expression', description: 'a JSON expression \'{"datastore": "tasks", "item": {…}}\'', optional: true }],
  flags: [{ name: 'item', value: '<json>', description: 'the item as a JSON object' }, ...commonFlags],
  examples: [
    { meaning: 'Store a task', command: 'rosi datastore put --datastore tasks --item \'{"id": "42", "title": "Write tests", "status": "open"}\'' },
    {
      meaning: 'The same, as the official CLI writes it',
      command: 'rosi datastore put \'{"datastore": "tasks", "item": {"id": "42", "title": "Write tests"}}\'',
    },
    { meaning: 'See the request without sending it', command: 'rosi datastore put --datastore tasks --item \'{"id": "42"}\' --show' },
  ],
  load: () => import('./put.run.js'),
});
