import { defineCommand } from '../../kit/define-command.js';
import { APP_NOTE, datastoreArg } from './shared.js';

export const importCommand = defineCommand({
  name: 'import',
  summary: 'Store every line of a JSON Lines file in a datastore',
  description:
    'Reads the file (or stdin) line by line as it arrives and sends the items 25 to a call, a few calls at once (fewer after a rate limit). Blank lines are skipped. ' +
    'Lines that are not JSON objects, lack the primary key, or that Slack rejects go to a failures file, one {"line", "reason", "item"} per line: ' +
    '<file>.failed.jsonl beside the input, or datastore-import-<time>.failed.jsonl here when reading stdin, or --failures. Exits 1 unless every line was stored.\n' +
    'The primary key is --primary-key, else the project’s manifest.json says it (when the app is the project’s), else the deployed manifest (apps.manifest.export). ' +
    'A checkpoint <file>.checkpoint records the lines done; after an interruption --resume continues after them.\n' +
    APP_NOTE,
  args: [
    datastoreArg,
    { name: 'file', description: 'a JSON Lines file, or - for stdin', complete: 'files' },
  ],
  flags: [
    { name: 'primary-key', value: '<attr>', description: 'the datastore’s primary key attribute (default: from the app manifest)' },
    { name: 'failures', value: '<file>', description: 'where lines that were not stored go', complete: 'files' },
    { name: 'resume', description: 'continue an interrupted import of the same file' },
  ],
  examples: [
    { meaning: 'Import an export', command: 'rosi datastore import tasks tasks.jsonl' },
    { meaning: 'Continue after an interruption', command: 'rosi datastore import tasks tasks.jsonl --resume' },
    { meaning: 'Copy a datastore to another app', command: 'rosi datastore export tasks | rosi datastore import tasks - --app A0OTHERAPP1 --primary-key id' },
  ],
  load: () => import('./import.run.js'),
});
