/** A POSIX single-quoted word (bash, zsh): `it's` → `'it'\''s'`. */
export function sq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A fish single-quoted word: inside single quotes fish unescapes only `\\` and `\'`. */
export function fishQuote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Descriptions are shown on one line. */
export function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}
