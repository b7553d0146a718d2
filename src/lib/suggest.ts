/**
 * " (did you mean X?)" for a mistyped command or flag, or "" when nothing is close.
 * Candidates are spelled as the user would type them (`query`, `--output-file`, `-v`).
 */
export function didYouMean(word: string, candidates: readonly string[]): string {
  return meant(suggestions(word, [...new Set(candidates)]));
}

/** " (did you mean a or b?)" for what was found, or "". */
export function meant(found: readonly string[]): string {
  return found.length ? ` (did you mean ${found.slice(0, 3).join(' or ')}?)` : '';
}

/** The candidates close to `word`, closest first: those it begins, else the nearest typos. */
export function suggestions(word: string, candidates: readonly string[]): string[] {
  // `--output` for `--output-file`: a word cut short is closer than any typo.
  const stem = word.replace(/^-+/, '');
  if (stem.length >= 2) {
    const longer = candidates.filter((c) => c.startsWith(word) && c !== word);
    if (longer.length) return longer.slice(0, 3);
  }
  // Typos: the closest by edit distance (transpositions count once), as git and commander do.
  let best = 3;
  let found: string[] = [];
  for (const c of candidates) {
    const d = distance(word, c);
    if (d > best || 1 - d / Math.max(word.length, c.length) < 0.4) continue;
    if (d < best) [best, found] = [d, []];
    found.push(c);
  }
  return found;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Math.max(a.length, b.length);
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}
