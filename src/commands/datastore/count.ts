import { defineCommand } from '../../kit/define-command.js';
import { APP_NOTE } from '../../kit/flags.js';
import { commonFlags, EXPRESSION_NOTE } from './shared.js';
import { checkFlag, whereFlag, WHERE_NOTE } from './where-help.js';

export const countCommand = defineCommand({
  name: 'count',
  summary: 'Count the items, or those matching a filter',
  description: `Prints the number on stdout (with --json: {"datastore", "count"}).\n${WHERE_NOTE}\n${APP_NOTE}\n${EXPRESSION_NOTE}`,
  args: [{ name: 'expression', description: 'a JSON expression \'{"datastore": "tasks", "expression": "#s = :s", …}\'', optional: true }],
  flags: [whereFlag, checkFlag, ...commonFlags],
  examples: [
    { meaning: 'Count every task', command: 'rosi datastore count --datastore tasks' },
    { meaning: 'Count the open ones', command: 'rosi datastore count --datastore tasks --where \'status = "open"\'' },
    {
      meaning: 'The same, as the official CLI writes it',
      command:
        'rosi datastore count \'{"datastore": "tasks", "expression": "#s = :s", "expression_attributes": {"#s": "status"}, "expression_values": {":s": "open"}}\'',
    },
  ],
  load: () => import('./count.run.js'),
});
