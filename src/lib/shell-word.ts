/** A POSIX single-quoted word (bash, zsh): `it's` → `'it'\''s'`. */
export function sq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** `s` as one shell word for a hint the user pastes: bare when nothing in it is special. */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : sq(s);
}
