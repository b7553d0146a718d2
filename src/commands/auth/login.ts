import { defineCommand } from '../../kit/define-command.js';
import { ticketFlags } from '../../kit/flags.js';

export const loginCommand = defineCommand({
  name: 'login',
  summary: 'Log in to a Slack workspace',
  description:
    'Log in with a five-minute auth ticket: run the printed /slackauthticket command in Slack, approve it, and enter the challenge code Slack shows.\n' +
    'Without a terminal, use the split flow: `--no-prompt` prints a ticket, and `--ticket T --challenge C` finishes the login later.\n' +
    'With --token (or --token-file) a token you already have is verified and saved.\n' +
    'Against `rosi emulator` the command is pasted on the emulator’s approval page (<host>/approve); --open opens that page in your browser, ' +
    'on a terminal only (not in CI, not with BROWSER=none, not over SSH or on Linux without a display). It is never opened unasked: ' +
    'copy the command first, then paste it there.',
  flags: [
    ...ticketFlags,
    {
      name: 'open',
      description: 'against rosi emulator: open its approval page in your browser once the slash command is printed (never by default)',
    },
  ],
  examples: [
    { meaning: 'Log in interactively', command: 'rosi login' },
    { meaning: 'Start a login from a script, then finish it', command: 'rosi login --no-prompt --json\nrosi login --ticket T --challenge C' },
    { meaning: 'Log in to the emulator, its approval page opened in the browser', command: 'rosi login --apihost http://127.0.0.1:5810 --open' },
    { meaning: 'Save a token you already have', command: 'rosi login --token-file token.txt' },
  ],
  load: () => import('./login.run.js'),
});
