import { defineCommand } from '../../kit/define-command.js';
import { APP_NOTE } from '../../kit/flags.js';
import { TRIGGER_ID_FLAG } from './shared.js';

const ids = (what: string) => `comma-separated ${what} IDs (spaces ignored, upper-cased)`;

export const accessCommand = defineCommand({
  name: 'access',
  summary: 'Show or change who can run a trigger',
  description:
    'With no change asked for (or --info), prints who can run the trigger. --everyone lets everyone in the workspace run it; --app-collaborators, only the app’s collaborators.\n' +
    'Entity flags (--users, --channels, --workspaces, --organizations) grant access (--grant is the default) or, with --revoke, take it away. ' +
    'The first grant to a trigger that is not yet limited to a list replaces its access with the list, so the app’s collaborators lose it unless they are on it: ' +
    '--include-app-collaborators adds them (to a later grant too); on a terminal rosi asks; elsewhere they are left out and, once the list is set, rosi says how to add them. Later grants add to the list. ' +
    'Revoking works only on entities on the list (exit 2 otherwise, nothing sent).\n' +
    'Without --trigger-id, on a terminal rosi lists the app’s triggers to choose from; elsewhere it fails naming --trigger-id (exit 2).\n' +
    '--json prints the access: {"permission_type", "user_ids", "channel_ids", "team_ids", "org_ids"}.\n' +
    APP_NOTE,
  flags: [
    TRIGGER_ID_FLAG,
    { name: 'everyone', description: 'everyone in the workspace can run it' },
    { name: 'app-collaborators', description: 'only the app’s collaborators can run it' },
    { name: 'users', value: '<ids>', description: ids('user') },
    { name: 'channels', value: '<ids>', description: ids('channel') },
    { name: 'workspaces', value: '<ids>', description: ids('workspace (team)') },
    { name: 'organizations', value: '<ids>', description: ids('organization') },
    { name: 'grant', description: 'give the entities access (the default)' },
    { name: 'revoke', description: 'take the entities’ access away' },
    { name: 'include-app-collaborators', description: 'when a first grant replaces the access, keep the app’s collaborators on the list' },
    { name: 'info', description: 'only print who can run it' },
  ],
  examples: [
    { meaning: 'Who can run it', command: 'rosi trigger access --trigger-id Ft0123ABCDEF' },
    { meaning: 'Everyone in the workspace', command: 'rosi trigger access --trigger-id Ft0123ABCDEF --everyone' },
    {
      meaning: 'Two users and a channel, collaborators kept',
      command: 'rosi trigger access --trigger-id Ft0123ABCDEF --users U0123ABCDEF,U0456GHIJKL --channels C0123ABCDEF --include-app-collaborators',
    },
    { meaning: 'Take a user’s access away', command: 'rosi trigger access --trigger-id Ft0123ABCDEF --revoke --users U0456GHIJKL' },
  ],
  load: () => import('./access.run.js'),
});
