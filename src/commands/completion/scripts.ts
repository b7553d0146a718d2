import type { GroupDef } from '../../kit/define-command.js';
import { bashScript } from './bash.js';
import { fishScript } from './fish.js';
import { walkTree, type CompletionTree } from './tree-walk.js';
import { zshScript } from './zsh.js';

const generators = { bash: bashScript, zsh: zshScript, fish: fishScript } satisfies Record<string, (tree: CompletionTree) => string>;

export type Shell = keyof typeof generators;
export const shells = Object.keys(generators) as Shell[];

export function isShell(name: string): name is Shell {
  return Object.hasOwn(generators, name);
}

/** The completion script for `shell`, generated from the command tree under `root`. */
export function completionScript(shell: Shell, root: GroupDef): string {
  return generators[shell](walkTree(root));
}
