import { defineCommand } from '../../kit/define-command.js';
import { APP_NOTE } from '../../kit/flags.js';
import { commonFlags, EXPRESSION_NOTE } from './shared.js';
import { checkFlag, whereFlag, WHERE_NOTE } from './where-help.js';

export const queryCommand = defineCommand({
  name: 'query',
  summary: 'List the items, or those matching a filter',
  description:
    'Follows the API’s cursor page by page. Without --limit or --all it stops at 100 items and, when more may match, says on stderr which --cursor continues. ' +
    'A page counts the items Slack evaluated, not those that matched, so some pages are short or empty; rosi keeps going. ' +
    '"limit" in the JSON expression sets that page size; --limit caps the items printed.\n' +
    'Output: a table on a terminal, tab-separated values with a header row otherwise; --json prints {"datastore", "items", "next_cursor"}; --jsonl prints one item per line as pages arrive.\n' +
    `${WHERE_NOTE}\n${APP_NOTE}\n${EXPRESSION_NOTE}`,
  args: [{ name: 'expression', description: 'a JSON expression \'{"datastore": "tasks", "expression": "#s = :s", …}\'', optional: true }],
  flags: [
    whereFlag,
    checkFlag,
    { name: 'limit', value: '<n>', description: 'stop after n items (default 100)' },
    { name: 'all', description: 'fetch every page' },
    { name: 'cursor', value: '<cursor>', description: 'start where an earlier query stopped' },
    { name: 'jsonl', description: 'print one JSON item per line, page by page' },
    ...commonFlags,
  ],
  examples: [
    { meaning: 'The first 100 tasks', command: 'rosi datastore query --datastore tasks' },
    { meaning: 'Open tasks of priority 2 and up', command: 'rosi datastore query --datastore tasks --where \'status = "open" and priority >= 2\'' },
    { meaning: 'Export everything as JSON Lines', command: 'rosi datastore query --datastore tasks --all --jsonl > tasks.jsonl' },
    { meaning: 'The compiled filter, without a request', command: 'rosi datastore query --datastore tasks --where \'begins_with(title, "Fix")\' --show' },
    {
      meaning: 'As the official CLI writes it',
      command:
        'rosi datastore query \'{"datastore": "tasks", "expression": "#s = :s", "expression_attributes": {"#s": "status"}, "expression_values": {":s": "open"}}\'',
    },
  ],
  load: () => import('./query.run.js'),
});
