import { defineCommand } from '../../kit/define-command.js';
import { ticketFlags } from '../../kit/flags.js';

export const loginCommand = defineCommand({
  name: 'login',
  summary: 'Log in to a Slack workspace',
  description:
    'Log in with a five-minute auth ticket: run the printed /slackauthticket command in Slack, approve it, and enter the challenge code Slack shows.\n' +
    'Without a terminal, use the split flow: `--no-prompt` prints a ticket, and `--ticket T --challenge C` finishes the login later.\n' +
    'With --token (or --token-file) a token you already have is verified and saved.',
  flags: ticketFlags,
  examples: [
    { meaning: 'Log in interactively', command: 'rosi login' },
    { meaning: 'Start a login from a script, then finish it', command: 'rosi login --no-prompt --json\nrosi login --ticket T --challenge C' },
    { meaning: 'Save a token you already have', command: 'rosi login --token-file token.txt' },
  ],
  load: () => import('./login.run.js'),
});
