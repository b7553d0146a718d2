/** What every env command’s description ends with. Plain text: definitions import this. */
export const VALUE_NOTE = 'Values are never printed, logged (not even with --verbose) or put in an error.';

/** The rules a variable is held to before anything is sent (lib/variable-rules.ts). */
export const RULES_NOTE =
  'Names start with a letter or _ and hold only letters, digits and _ (at most 256); a value is 1 byte to 32 KiB of UTF-8 without NUL characters. ' +
  'A name or value that breaks a rule fails with exit 2 before anything is sent.';
