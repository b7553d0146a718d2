import { defineCommand } from '../../kit/define-command.js';

export const listCommand = defineCommand({
  name: 'list',
  aliases: ['ls'],
  summary: 'List stored logins',
  description: 'List the logins stored in credentials.json, with each token’s expiry. Makes no network calls and never prints a token.',
  examples: [
    { meaning: 'Show logins', command: 'rosi auth list' },
    { meaning: 'Team IDs for a script', command: "rosi auth list --json | jq -r '.[].team_id'" },
  ],
  load: () => import('./list.run.js'),
});
