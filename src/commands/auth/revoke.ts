import { defineCommand } from '../../kit/define-command.js';

export const revokeCommand = defineCommand({
  name: 'revoke',
  summary: 'Revoke a token',
  description: 'Revokes any token (from --token, --token-file, or a hidden prompt). Stored logins are not changed; use `rosi logout` for those.',
  examples: [{ meaning: 'Revoke a CI token', command: 'rosi auth revoke --token-file ci-token.txt' }],
  load: () => import('./revoke.run.js'),
});
