import { alias, defineGroup } from '../kit/define-command.js';
import { activityGroup } from './activity/index.js';
import { authGroup } from './auth/index.js';
import { loginCommand } from './auth/login.js';
import { logoutCommand } from './auth/logout.js';
import { completeCommand, completionCommand } from './completion/completion.js';
import { datastoreGroup } from './datastore/index.js';
import { deployCommand } from './deploy/deploy.js';
import { emulatorGroup } from './emulator/index.js';
import { envGroup } from './env/index.js';
import { helpCommand } from './help/help.js';
import { triggerGroup } from './trigger/index.js';

/** The whole command tree: help, completion and the docs all walk this. */
export const rootGroup = defineGroup({
  name: 'rosi',
  summary: 'Build, deploy and operate apps that run on Slack infrastructure',
  commands: [
    alias('login', loginCommand),
    alias('logout', logoutCommand),
    authGroup,
    deployCommand,
    datastoreGroup,
    activityGroup,
    envGroup,
    triggerGroup,
    emulatorGroup,
    completionCommand,
    helpCommand,
    completeCommand,
  ],
  examples: [
    {
      meaning: 'Quick start with no Slack workspace: run the platform’s API on this machine, then log in to it',
      command: 'rosi emulator &\nrosi login --apihost http://127.0.0.1:5810',
    },
    { meaning: 'Deploy the project in this folder (try a copy of examples/hello-rosi from rosi’s source)', command: 'rosi deploy' },
  ],
});
