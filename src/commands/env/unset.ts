import { defineCommand } from '../../kit/define-command.js';
import { APP_NOTE } from '../../kit/flags.js';

export const unsetCommand = defineCommand({
  name: 'unset',
  aliases: ['remove'],
  summary: 'Remove environment variables from the deployed app',
  description:
    'Removes the named variables in one call. A name the app does not have is no error: afterwards it is not set, which is what was asked.\n' +
    '--json prints {"app_id", "unset": [names]}.\n' +
    APP_NOTE,
  args: [{ name: 'name', description: 'the variables’ names', variadic: true }],
  examples: [
    { meaning: 'Remove one variable', command: 'rosi env unset API_KEY' },
    { meaning: 'Remove two, in CI', command: 'rosi env unset OLD_KEY LEGACY_URL --app A0123ABCDEF' },
  ],
  load: () => import('./unset.run.js'),
});
