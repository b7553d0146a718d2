import { defineCommand } from '../../kit/define-command.js';
import { APP_NOTE } from '../../kit/flags.js';

export const listCommand = defineCommand({
  name: 'list',
  summary: 'List the names of the deployed app’s environment variables',
  description:
    'Prints the names, sorted, one per line on stdout (nothing, and a note on stderr, when there are none; exit 0). Slack never returns values.\n' +
    '--json prints {"app_id", "variable_names": [names]}.\n' +
    APP_NOTE,
  examples: [
    { meaning: 'The names set on the project’s app', command: 'rosi env list' },
    { meaning: 'As JSON, in CI', command: 'rosi env list --app A0123ABCDEF --json' },
  ],
  load: () => import('./list.run.js'),
});
