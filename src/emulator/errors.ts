/** A Slack `ok:false` answer: handlers throw it, the server turns it into `{"ok":false,"error":code}`. */
export class MethodError extends Error {
  readonly code: string;
  readonly extra: Readonly<Record<string, unknown>>;

  constructor(code: string, extra: Record<string, unknown> = {}) {
    super(code);
    this.name = 'MethodError';
    this.code = code;
    this.extra = extra;
  }
}

/** How `rosi emulator` ends on an EmulatorError: a mistake in how it was started, or a failure to start. */
export type EmulatorErrorKind = 'usage' | 'failed';

/**
 * What keeps the emulator from starting (a port in use, a data folder it cannot use, a bad
 * --faults rule…), said as a fix for the person running it. The emulator is a server, not the
 * CLI: `rosi emulator` turns this into the CLI's own error, exit code and all.
 */
export class EmulatorError extends Error {
  readonly code: string;
  readonly kind: EmulatorErrorKind;
  readonly hint: string | undefined;

  constructor(code: string, message: string, o: { kind?: EmulatorErrorKind; hint?: string | undefined; cause?: unknown } = {}) {
    super(message, o.cause === undefined ? undefined : { cause: o.cause });
    this.name = 'EmulatorError';
    this.code = code;
    this.kind = o.kind ?? 'failed';
    this.hint = o.hint;
  }
}

export const isEmulatorError = (e: unknown): e is EmulatorError => e instanceof EmulatorError;
