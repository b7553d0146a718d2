import { defineCommand } from '../../kit/define-command.js';

export const statusCommand = defineCommand({
  name: 'status',
  summary: 'Check that the selected login works',
  description: 'Calls auth.test with the token rosi would use (after --token, env and --team), refreshing it if it is about to expire.',
  flags: [{ name: 'require-valid-for', value: '<duration>', description: 'exit 4 unless the token stays valid this long (e.g. 30m, 2h)' }],
  examples: [
    { meaning: 'Check the login', command: 'rosi auth status' },
    { meaning: 'Fail a CI job early if the token expires within an hour', command: 'rosi auth status --require-valid-for 1h' },
  ],
  load: () => import('./status.run.js'),
});
