import { defineCommand } from '../../kit/define-command.js';
import { APP_NOTE } from '../../kit/flags.js';
import { commonFlags, EXPRESSION_NOTE } from './shared.js';

export const deleteCommand = defineCommand({
  name: 'delete',
  summary: 'Delete an item by its primary key',
  description:
    'Deletes the item and says so on stderr; stdout stays empty (with --json: {"datastore", "id"}). Deleting a key that holds no item succeeds too.\n' +
    `${APP_NOTE}\n${EXPRESSION_NOTE}`,
  args: [{ name: 'id', description: 'the primary key, or a JSON expression \'{"id": "42"}\'', optional: true }],
  flags: commonFlags,
  examples: [
    { meaning: 'Delete task 42', command: 'rosi datastore delete 42 --datastore tasks' },
    { meaning: 'The same, as the official CLI writes it', command: 'rosi datastore delete \'{"datastore": "tasks", "id": "42"}\'' },
  ],
  load: () => import('./delete.run.js'),
});
