import { defineCommand } from '../../kit/define-command.js';
import { APP_NOTE } from '../../kit/flags.js';
import { commonFlags, EXPRESSION_NOTE } from './shared.js';

export const updateCommand = defineCommand({
  name: 'update',
  summary: 'Change some attributes of an item',
  description:
    'Merges the given attributes into the item with the same primary key (creating it if there is none) and prints the result as JSON on stdout.\n' +
    `${APP_NOTE}\n${EXPRESSION_NOTE}`,
  args: [{ name: 'expression', description: 'a JSON expression \'{"datastore": "tasks", "item": {…}}\'', optional: true }],
  flags: [{ name: 'item', value: '<json>', description: 'the primary key and the attributes to change, as a JSON object' }, ...commonFlags],
  examples: [
    { meaning: 'Mark task 42 done', command: 'rosi datastore update --datastore tasks --item \'{"id": "42", "status": "done"}\'' },
    { meaning: 'The same, as the official CLI writes it', command: 'rosi datastore update \'{"datastore": "tasks", "item": {"id": "42", "status": "done"}}\'' },
  ],
  load: () => import('./update.run.js'),
});
