import { accessSync, constants } from 'node:fs';
import { arch } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Context } from '../../context/context.js';
import type { BuildProbe } from '../../emulator/index.js';

/** The machine as node-gyp would see it: programs are looked up on the PATH rosi was given. */
export function buildProbe(ctx: Context): BuildProbe {
  const dirs = (ctx.env.PATH ?? ctx.env.Path ?? '').split(delimiter).filter(Boolean);
  const exts = ctx.platform === 'win32' ? (ctx.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  return {
    platform: ctx.platform,
    arch: arch(),
    has: (program) => dirs.some((d) => exts.some((x) => runnable(join(d, program + x)))),
  };
}

function runnable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
