/** Slack token shapes: nothing rosi/testing says may carry one. */
const TOKEN = /xox[a-z]?(?:\.xox[a-z])?-[A-Za-z0-9-]+/g;

/** The text with every token in it replaced by its kind. */
export const redact = (text: string): string => text.replace(TOKEN, (t) => `${t.slice(0, 4)}…`);

/** Every failure of rosi/testing: what went wrong and what to do, never a token, never the internals' stack. */
export class RosiTestingError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(redact(message));
    this.name = 'RosiTestingError';
    this.code = code;
  }
}

/** What an unexpected error says, for a message of ours. */
export const reasonOf = (e: unknown): string => redact(e instanceof Error ? e.message : String(e));
