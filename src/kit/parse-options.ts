import * as z from 'zod/mini';
import { UsageError } from '../errors/cli-error.js';
import type { RawInput } from './define-command.js';

/**
 * Validates a command's raw input (positional args and flags, merged) with its schema.
 * A failure names the flag or argument, so the user knows what to fix (exit 2).
 */
export function parseOptions<S extends z.ZodMiniType>(schema: S, raw: RawInput): z.infer<S> {
  const result = schema.safeParse({ ...raw.flags, ...raw.args });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const key = String(issue?.path[0] ?? '');
  const isArg = Object.hasOwn(raw.args, key);
  const where = key ? (isArg ? `<${key}>` : `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`) : 'input';
  throw new UsageError(`Invalid ${where}: ${issue?.message ?? 'invalid value'}`, { code: 'invalid_argument' });
}

/** A string flag holding a duration ("30s", "5m", "1h"), parsed to milliseconds. */
export function durationFlag(parse: (s: string) => number | undefined) {
  return z.pipe(
    z.string(),
    z.transform((s: string, ctx) => {
      const ms = parse(s);
      if (ms === undefined) {
        ctx.issues.push({ code: 'custom', input: s, message: `"${s}" is not a duration (try 30s, 5m, 1h)` });
        return z.NEVER;
      }
      return ms;
    }),
  );
}
