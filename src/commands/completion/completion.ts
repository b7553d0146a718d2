import { defineCommand } from '../../kit/define-command.js';

export const completionCommand = defineCommand({
  name: 'completion',
  summary: 'Print a shell completion script',
  description:
    'Prints a completion script for bash, zsh or fish. The script is static; dynamic values (teams, apps, datastores, trigger IDs and definition files) come from a fast, offline `rosi __complete`. ' +
    'Trigger IDs are those rosi has seen for the app (`rosi trigger list` makes them known): Tab never asks Slack.',
  args: [{ name: 'shell', description: 'bash, zsh or fish', complete: { values: ['bash', 'zsh', 'fish'] } }],
  examples: [
    { meaning: 'bash', command: 'rosi completion bash > ~/.local/share/bash-completion/completions/rosi' },
    { meaning: 'zsh', command: 'rosi completion zsh > "${fpath[1]}/_rosi"' },
    { meaning: 'fish', command: 'rosi completion fish > ~/.config/fish/completions/rosi.fish' },
  ],
  // The script is generated from the tree this command is part of: the runner hands it over.
  needsTree: true,
  load: () => import('./completion.run.js'),
});

export const completeCommand = defineCommand({
  name: '__complete',
  summary: 'Print completion candidates (used by completion scripts)',
  hidden: true,
  passThrough: true,
  description:
    'Prints `value<TAB>description` lines for `teams`, `apps`, `datastores`, `attributes`, `triggers` (of --app, else of the project’s apps) or `trigger-files` that start with the word after `--`. Reads local files only; prints nothing on any error.',
  args: [{ name: 'words', description: 'the source (`teams`, `apps`, …), then the word being completed', optional: true, variadic: true }],
  load: () => import('./complete.run.js'),
});
