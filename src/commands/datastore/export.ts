import { defineCommand } from '../../kit/define-command.js';
import { APP_NOTE } from '../../kit/flags.js';
import { datastoreArg } from './shared.js';
import { checkFlag, whereFlag, WHERE_NOTE } from './where-help.js';

export const exportCommand = defineCommand({
  name: 'export',
  summary: 'Write every item of a datastore as JSON Lines',
  description:
    'Follows the query cursor to the end with no cap, writing each page before fetching the next. Progress goes to stderr.\n' +
    'With -o, a checkpoint is kept beside the file as <file>.checkpoint after each page and removed on success; after a failure or Ctrl-C, ' +
    '--resume truncates the file to the last whole page and continues from there, so no line is written twice. ' +
    'It continues only the export the checkpoint belongs to (same datastore, app and filter) and only into the file as that export left it.\n' +
    `${WHERE_NOTE}\n${APP_NOTE}`,
  args: [datastoreArg],
  flags: [
    whereFlag,
    checkFlag,
    { name: 'output-file', short: 'o', value: '<file|->', description: 'write to this file (default stdout, or -)', complete: 'files' },
    { name: 'resume', description: 'continue an interrupted export into the same --output-file' },
  ],
  examples: [
    { meaning: 'Every task to a file', command: 'rosi datastore export tasks -o tasks.jsonl' },
    { meaning: 'Continue after an interruption', command: 'rosi datastore export tasks -o tasks.jsonl --resume' },
    { meaning: 'Open tasks to stdout', command: 'rosi datastore export tasks --where \'status = "open"\' > open.jsonl' },
  ],
  load: () => import('./export.run.js'),
});
