import { defineGroup } from '../../kit/define-command.js';
import { listCommand } from './list.js';
import { loginCommand } from './login.js';
import { logoutCommand } from './logout.js';
import { revokeCommand } from './revoke.js';
import { statusCommand } from './status.js';
import { tokenCommand } from './token.js';

export const authGroup = defineGroup({
  name: 'auth',
  summary: 'Log in, inspect and revoke credentials',
  commands: [loginCommand, listCommand, statusCommand, logoutCommand, revokeCommand, tokenCommand],
});
