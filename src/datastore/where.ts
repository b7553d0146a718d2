import { UsageError } from '../errors/cli-error.js';
import { checkWhereAttributes as checkAttributes, compileWhere as compile, InvalidWhere, WHERE_HINT, type CompiledWhere } from '../lib/where/index.js';

export type { CompiledWhere };

/** An invalid --where; `fixed` is the condition corrected, when there is one obvious fix. */
export class WhereError extends UsageError {
  constructor(
    message: string,
    details: string[],
    readonly fixed: string | undefined,
  ) {
    super(message, { code: 'invalid_where', details, hint: WHERE_HINT });
  }
}

/**
 * Compiles `status = "done" and priority >= 2` into a DynamoDB filter expression (the parser is
 * lib/where/, which the emulator's console shares).
 *
 * @throws WhereError `invalid_where` (exit 2) naming the column of the first mistake.
 */
export function compileWhere(source: string): CompiledWhere {
  return asUsage(() => compile(source));
}

/**
 * Refuses attributes the datastore does not declare (only an attribute path's first name).
 *
 * @throws WhereError `invalid_where` at the first unknown name, suggesting the nearest known one.
 */
export function checkWhereAttributes(source: string, datastore: string, attributes: readonly string[]): void {
  asUsage(() => checkAttributes(source, datastore, attributes));
}

function asUsage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof InvalidWhere)) throw e;
    throw new WhereError(e.message, e.details, e.fixed);
  }
}
