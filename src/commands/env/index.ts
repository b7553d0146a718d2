import { defineGroup } from '../../kit/define-command.js';
import { diffCommand } from './diff.js';
import { listCommand } from './list.js';
import { setCommand } from './set.js';
import { unsetCommand } from './unset.js';

export const envGroup = defineGroup({
  name: 'env',
  aliases: ['var', 'vars', 'variable', 'variables'],
  summary: 'Set, list and remove the deployed app’s environment variables',
  description:
    'Environment variables of an app deployed to Slack (apps.hosted.variables.*): functions read them from `env` in their handler context. ' +
    'Values are secrets: rosi never prints them, and Slack never sends them back, so `rosi env list` shows names only. ' +
    'An app run locally reads the project’s .env instead; `rosi env diff` compares the two.',
  defaultCommand: 'list',
  commands: [setCommand, unsetCommand, listCommand, diffCommand],
});
