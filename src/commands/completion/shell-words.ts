export { sq } from '../../lib/shell-word.js';

/** A fish single-quoted word: inside single quotes fish unescapes only `\\` and `\'`. */
export function fishQuote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Descriptions are shown on one line. */
export function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}
