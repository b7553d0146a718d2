import { readFile } from 'node:fs/promises';
import type { Context } from '../../context/context.js';
import { UsageError } from '../../errors/cli-error.js';
import { fsReason } from '../../lib/fs-error.js';

/** A value and where it came from, for messages (which never quote the value). */
export interface GivenValue {
  value: string;
  where: string;
}

/**
 * The value of `rosi env set <name>`: the argument, else --value-file (a path, or - for
 * stdin), else a hidden prompt on a terminal. A file's one trailing newline is dropped: an
 * editor or `echo` adds it, and a secret rarely ends in one.
 *
 * @throws UsageError `missing_value` naming --value-file when there is no value and no terminal to ask on.
 */
export async function valueOf(ctx: Context, name: string, o: { value?: string | undefined; valueFile?: string | undefined }): Promise<GivenValue> {
  if (o.value !== undefined) return { value: o.value, where: '<value>' };
  if (o.valueFile !== undefined) return { value: dropNewline(await readValueFile(ctx, o.valueFile)), where: `--value-file ${o.valueFile}` };
  if (!ctx.io.canPrompt()) {
    throw new UsageError(`No value was given for ${name}, and there is no terminal to ask for it on`, {
      code: 'missing_value',
      hint: `Pass --value-file <path>, or --value-file - to read it from stdin: rosi env set ${name} --value-file -`,
    });
  }
  return { value: await ctx.prompter.password('variable-value', `Value of ${name}`), where: 'the prompt' };
}

async function readValueFile(ctx: Context, path: string): Promise<string> {
  if (path === '-') return ctx.readStdin();
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`Cannot read --value-file ${path}: ${fsReason(e)}`, { code: 'invalid_value_file' });
  }
}

const dropNewline = (text: string) => text.replace(/\r?\n$/, '');
