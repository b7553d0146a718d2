import { defineCommand } from '../../kit/define-command.js';

export const helpCommand = defineCommand({
  name: 'help',
  summary: 'Show help for a command',
  description: 'Prints the help of any command or group: `rosi help datastore query` is `rosi datastore query --help`.',
  args: [{ name: 'command', description: 'the command’s words, as you would type them', optional: true, variadic: true }],
  examples: [
    { meaning: 'Every command', command: 'rosi help' },
    { meaning: 'One command’s flags and examples', command: 'rosi help datastore query' },
  ],
  // It walks the tree it is part of to say what a mistyped word may have meant: the runner hands it over.
  needsTree: true,
  load: () => import('./help.run.js'),
});
