/**
 * A rejected expression. `position` is 1-based (a column, as a person counts) and the
 * message says where, so a client shows something useful without parsing the text.
 */
export class ExpressionError extends Error {
  readonly position: number | undefined;

  constructor(message: string, position?: number, near?: string) {
    super(position === undefined ? message : `${message} near "${near ?? ''}" at position ${position}`);
    this.name = 'ExpressionError';
    this.position = position;
  }
}
