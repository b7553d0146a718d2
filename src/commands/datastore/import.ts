import { defineCommand } from '../../kit/define-command.js';
import { APP_NOTE } from '../../kit/flags.js';
import { datastoreArg } from './shared.js';

export const importCommand = defineCommand({
  name: 'import',
  summary: 'Store every line of a JSON Lines file in a datastore',
  description:
    'Reads the file (or stdin) line by line as it arrives and sends the items 25 to a call (fewer when they are large), a few calls at once (fewer after a rate limit). ' +
    'Blank lines are skipped; when a key repeats, the last line wins. ' +
    'Lines that are not JSON objects, lack the primary key, exceed the 400 KB item limit or that Slack rejects go to a failures file in input order, one {"line", "reason", "item"} per line: ' +
    '<file>.failed.jsonl beside the input, or datastore-import-<time>.failed.jsonl here when reading stdin, or --failures. ' +
    'That file can be fixed and imported as it is: each line stands for its item. Exits 1 unless every line was stored.\n' +
    'The primary key is --primary-key, else the project’s manifest.json says it (when the app is the project’s), else the deployed manifest (apps.manifest.export). ' +
    'A checkpoint <file>.checkpoint records the lines done and what they went into; after an interruption --resume continues after them, unless the file changed in that part.\n' +
    APP_NOTE,
  args: [datastoreArg, { name: 'file', description: 'a JSON Lines file, or - for stdin', complete: 'files' }],
  flags: [
    { name: 'primary-key', value: '<attr>', description: 'the datastore’s primary key attribute (default: from the app manifest)' },
    { name: 'failures', value: '<file>', description: 'where lines that were not stored go', complete: 'files' },
    { name: 'resume', description: 'continue an interrupted import of the same file' },
  ],
  examples: [
    { meaning: 'Import an export', command: 'rosi datastore import tasks tasks.jsonl' },
    { meaning: 'Continue after an interruption', command: 'rosi datastore import tasks tasks.jsonl --resume' },
    { meaning: 'Store the lines that failed, once fixed', command: 'rosi datastore import tasks tasks.jsonl.failed.jsonl' },
    { meaning: 'Copy a datastore to another app', command: 'rosi datastore export tasks | rosi datastore import tasks - --app A0OTHERAPP1 --primary-key id' },
  ],
  load: () => import('./import.run.js'),
});
