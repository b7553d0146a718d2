import { defineCommand } from '../../kit/define-command.js';
import { APP_NOTE } from '../../kit/flags.js';
import { RULES_NOTE, VALUE_NOTE } from './shared.js';

export const setCommand = defineCommand({
  name: 'set',
  aliases: ['add'],
  summary: 'Set an environment variable on the deployed app (or every one in a .env file)',
  description:
    'Sets the variable, replacing its value if it exists. The value comes from --value-file (a file, or - for stdin; one trailing newline is dropped), ' +
    'else from a hidden prompt on a terminal; it may also be the second argument, though it then lands in your shell history. ' +
    'Without a terminal and without a value the command fails naming --value-file (exit 2).\n' +
    'With --from-file <path>, every variable of a dotenv file is set, one call each (KEY=value, export KEY=value, quotes and # comments as godotenv reads them; ' +
    'no $VAR expansion). rosi asks first on a terminal; elsewhere --force is needed (exit 2 without it). ' +
    'If a call fails part-way, rosi stops there, says which names were set and which not, and exits 1; running the same command again sets the rest ' +
    '(setting a variable again is harmless).\n' +
    '--json prints {"app_id", "set": [names], "not_set": [names]}.\n' +
    `${RULES_NOTE}\n${VALUE_NOTE}\n${APP_NOTE}`,
  args: [
    { name: 'name', description: 'the variable’s name (not with --from-file)', optional: true },
    { name: 'value', description: 'the value (prefer --value-file or the prompt: arguments land in shell history)', optional: true },
  ],
  flags: [
    { name: 'value-file', value: '<path|->', description: 'read the value from this file, or from stdin with -', complete: 'files' },
    { name: 'from-file', value: '<path>', description: 'set every variable of this dotenv file (.env)', complete: 'files' },
  ],
  examples: [
    { meaning: 'Set a secret, typed at a hidden prompt', command: 'rosi env set API_KEY' },
    { meaning: 'Set it from a file', command: 'rosi env set API_KEY --value-file api-key.txt' },
    { meaning: 'Set it from a CI secret, through stdin', command: 'printf %s "$API_KEY" | rosi env set API_KEY --value-file - --app A0123ABCDEF' },
    { meaning: 'Set every variable of .env, without asking', command: 'rosi env set --from-file .env --force' },
  ],
  load: () => import('./set.run.js'),
});
