import { defineCommand } from '../../kit/define-command.js';
import { ticketFlags } from '../../kit/flags.js';

export const tokenCommand = defineCommand({
  name: 'token',
  summary: 'Create a long-lived service token for CI',
  description:
    'Runs the ticket login with no_rotation=true and prints the resulting service token once on stdout. It is never saved; pass it to CI as SLACK_SERVICE_TOKEN or --token.',
  flags: ticketFlags,
  examples: [
    { meaning: 'Create a token interactively', command: 'rosi auth token > token.txt' },
    { meaning: 'Split flow for scripts', command: 'rosi auth token --no-prompt\nrosi auth token --ticket T --challenge C' },
  ],
  load: () => import('./token.run.js'),
});
