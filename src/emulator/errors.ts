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
