import type { ApiError } from '../errors/api-error.js';
import { isCliError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import type { Colors } from '../io/colors.js';
import { redact } from '../lib/redact.js';

export interface ErrorSink {
  write(chunk: string): void;
}

export interface RenderOptions {
  json: boolean;
  verbose: boolean;
  colors: Colors;
}

/** The one place errors become text (stderr) and an exit code. */
export function renderError(e: unknown, sink: ErrorSink, o: RenderOptions): number {
  const err = isCliError(e) ? e : undefined;
  const code = err?.code ?? 'unexpected_error';
  const message = err?.message ?? `Unexpected error: ${e instanceof Error ? e.message : String(e)}`;
  const hint = err ? err.hint : 'This is a bug in rosi. Re-run with --verbose and report what it prints.';
  const method = err && typeof (err as ApiError).method === 'string' ? (err as ApiError).method : undefined;
  const write = (s: string) => sink.write(redact(s));
  if (o.json) {
    const body: Record<string, unknown> = { code, message };
    if (method) body.method = method;
    if (hint) body.hint = hint;
    if (err?.details.length) body.details = err.details;
    write(`${JSON.stringify({ error: body })}\n`);
  } else {
    const label = method ? `${code} from ${method}` : code;
    write(`${o.colors.red('✗')} ${message} ${o.colors.dim(`(${label})`)}\n`);
    for (const d of err?.details ?? []) write(`  - ${d}\n`);
    if (hint) write(`  ${o.colors.bold('Hint:')} ${hint}\n`);
    if (o.verbose) writeCauses(e, write);
  }
  return err?.exitCode ?? ExitCode.failed;
}

function writeCauses(e: unknown, write: (s: string) => void): void {
  let cause: unknown = e;
  for (let depth = 0; cause && depth < 5; depth++) {
    if (cause instanceof Error && cause.stack) write(`${depth ? 'Caused by: ' : ''}${cause.stack}\n`);
    cause = cause instanceof Error ? cause.cause : undefined;
  }
}
