import { defineCommand } from '../../kit/define-command.js';
import { APP_NOTE } from '../../kit/flags.js';

export const diffCommand = defineCommand({
  name: 'diff',
  summary: 'Compare the names in .env with those set on the deployed app',
  description:
    'Lists the names the dotenv file has and the app lacks (`+ NAME`, what `rosi env set --from-file` would add), then those the app has and the file lacks (`- NAME`). ' +
    'Only names are compared: Slack never returns values. It exits 0 whatever the difference; a file that cannot be read or parsed exits 2.\n' +
    'The file is --file, or .env in the project folder (the current folder outside a project).\n' +
    '--json prints {"app_id", "file", "only_in_file": [names], "only_in_app": [names]}.\n' +
    APP_NOTE,
  flags: [{ name: 'file', value: '<path>', description: 'the dotenv file (default: the project’s .env)', complete: 'files' }],
  examples: [
    { meaning: 'What .env and the deployed app do not share', command: 'rosi env diff' },
    { meaning: 'Against another file, as JSON', command: 'rosi env diff --file .env.production --json' },
  ],
  load: () => import('./diff.run.js'),
});
