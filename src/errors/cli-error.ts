import { ExitCode, type ExitCodeValue } from './exit-codes.js';

export interface CliErrorOptions {
  hint?: string | undefined;
  cause?: unknown;
  details?: string[] | undefined;
}

/** Every error rosi expects to happen. Rendered only by src/cli/render-error.ts. */
export class CliError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly exitCode: ExitCodeValue;
  /** Extra indented lines shown under the message (field errors, failed items). */
  readonly details: string[];

  constructor(code: string, message: string, exitCode: ExitCodeValue = ExitCode.failed, opts: CliErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
    this.hint = opts.hint;
    this.details = opts.details ?? [];
  }
}

export class UsageError extends CliError {
  constructor(message: string, opts: CliErrorOptions & { code?: string } = {}) {
    super(opts.code ?? 'usage_error', message, ExitCode.usage, opts);
  }
}

export class AuthError extends CliError {
  constructor(code: string, message: string, opts: CliErrorOptions = {}) {
    super(code, message, ExitCode.auth, { hint: 'Run `rosi login` to log in again.', ...opts });
  }
}

export class NetworkError extends CliError {
  constructor(message: string, opts: CliErrorOptions = {}) {
    super('http_request_failed', message, ExitCode.failed, opts);
  }
}

export class CancelledError extends CliError {
  constructor(message = 'Interrupted', opts: CliErrorOptions = {}) {
    super('cancelled', message, ExitCode.interrupted, opts);
  }
}

export class PartialFailureError extends CliError {
  constructor(message: string, opts: CliErrorOptions = {}) {
    super('partial_failure', message, ExitCode.failed, opts);
  }
}

/** The same error (class, code, method and cause kept) with another hint. */
export function withHint<E extends CliError>(e: E, hint: string | undefined): E {
  const copy = Object.create(Object.getPrototypeOf(e) as object) as E;
  Object.defineProperties(copy, Object.getOwnPropertyDescriptors(e));
  Object.defineProperty(copy, 'hint', { value: hint, enumerable: true });
  return copy;
}

/**
 * True for any rosi error, including one thrown by a separately bundled part (the
 * emulator), whose CliError class is a copy: so the check is by shape, not instanceof.
 */
export function isCliError(e: unknown): e is CliError {
  return (
    e instanceof Error && typeof (e as CliError).code === 'string' && typeof (e as CliError).exitCode === 'number' && Array.isArray((e as CliError).details)
  );
}
