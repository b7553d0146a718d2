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

/**
 * A string flag turned into a value by `parse`; when that gives undefined, the flag is
 * invalid and `message` says why, quoting what was typed.
 */
export function parsedFlag<T>(parse: (s: string) => T | undefined, message: (s: string) => string) {
  return z.pipe(
    z.string(),
    z.transform((s: string, ctx) => {
      const value = parse(s);
      if (value === undefined) {
        ctx.issues.push({ code: 'custom', input: s, message: message(s) });
        return z.NEVER;
      }
      return value;
    }),
  );
}

/** A string flag holding a duration ("30s", "5m", "1h"), parsed to milliseconds. */
export function durationFlag(parse: (s: string) => number | undefined) {
  return parsedFlag(parse, (s) => `"${s}" is not a duration (try 30s, 5m, 1h)`);
}
