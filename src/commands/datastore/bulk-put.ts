import { defineCommand } from '../../kit/define-command.js';
import { APP_NOTE } from '../../kit/flags.js';
import { commonFlags, EXPRESSION_NOTE } from './shared.js';

export const bulkPutCommand = defineCommand({
  name: 'bulk-put',
  summary: 'Create or replace many items',
  description:
    'Sends the items 25 to a call (Slack’s limit), one call after another. Items Slack could not store are printed on stdout, one JSON object per line, ' +
    'ready for --from-file; the command then exits 1. Every line of --from-file is checked before the first call.\n' +
    `${APP_NOTE}\n${EXPRESSION_NOTE}`,
  args: [{ name: 'expression', description: 'a JSON expression \'{"datastore": "tasks", "items": [{…}, …]}\'', optional: true }],
  flags: [
    { name: 'items', value: '<json>', description: 'the items as a JSON array of objects' },
    { name: 'from-file', value: '<path|->', description: 'read the items from a JSON Lines file (one object per line), or stdin with -', complete: 'files' },
    ...commonFlags,
  ],
  examples: [
    { meaning: 'Store two tasks', command: 'rosi datastore bulk-put --datastore tasks --items \'[{"id": "1", "title": "a"}, {"id": "2", "title": "b"}]\'' },
    { meaning: 'Import an export', command: 'rosi datastore bulk-put --datastore tasks --from-file tasks.jsonl' },
    {
      meaning: 'Copy a datastore to another app',
      command: 'rosi datastore query --datastore tasks --all --jsonl | rosi datastore bulk-put --datastore tasks --from-file - --app A0OTHERAPP1',
    },
  ],
  load: () => import('./bulk-put.run.js'),
});
