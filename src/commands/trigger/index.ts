import { defineGroup } from '../../kit/define-command.js';
import { accessCommand } from './access.js';
import { createCommand } from './create.js';
import { deleteCommand } from './delete.js';
import { infoCommand } from './info.js';
import { listCommand } from './list.js';
import { runCommand } from './run.js';
import { updateCommand } from './update.js';

export const triggerGroup = defineGroup({
  name: 'trigger',
  aliases: ['triggers'],
  summary: 'Create, list, run, change and share the app’s triggers',
  description:
    'Triggers start an app’s workflows: a link (shortcut) people click, a webhook, a schedule, or an event in Slack. ' +
    'A trigger belongs to one app: create it again for each app (local or deployed) that should have it. ' +
    'Definitions are checked against the project’s manifest before anything is sent.',
  defaultCommand: 'list',
  commands: [createCommand, listCommand, infoCommand, runCommand, updateCommand, deleteCommand, accessCommand],
});
