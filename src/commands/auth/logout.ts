import { defineCommand } from '../../kit/define-command.js';

export const logoutCommand = defineCommand({
  name: 'logout',
  summary: 'Revoke and remove stored logins',
  description: 'Revokes the token and refresh token of a login on its host, then removes it from credentials.json. With one login stored, that one is used.',
  flags: [{ name: 'all', short: 'A', description: 'log out of every stored login' }],
  examples: [
    { meaning: 'Log out of one team', command: 'rosi logout --team T0123ABCD' },
    { meaning: 'Log out everywhere', command: 'rosi logout --all' },
  ],
  load: () => import('./logout.run.js'),
});
