export interface TableOptions {
  /** Aligned and cut to `columns` on a terminal; tab-separated full values otherwise. */
  tty: boolean;
  columns: number;
  /** Styles the header row on a terminal. */
  header?: (s: string) => string;
}

const GAP = 2;
const MIN_WIDTH = 6;

/**
 * Lines of a table with a header row. On a TTY the widest columns shrink first until the
 * table fits, and cut cells end in "…". Off a TTY each row is one line of tab-separated
 * values (tabs and newlines inside a value escaped), for `cut`, `awk` and spreadsheets.
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[], o: TableOptions): string[] {
  if (!o.tty) return [headers, ...rows].map((r) => headers.map((_, i) => escapeTsv(r[i] ?? '')).join('\t'));
  const flat = (s: string) => s.replace(/[\t\r\n]+/g, ' ');
  const cells = [headers, ...rows].map((r) => headers.map((_, i) => flat(r[i] ?? '')));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] as string).length)));
  const total = () => widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1);
  while (total() > o.columns) {
    let widest = -1;
    widths.forEach((w, i) => {
      if (w > MIN_WIDTH && (widest < 0 || w > (widths[widest] as number))) widest = i;
    });
    if (widest < 0) break;
    widths[widest] = (widths[widest] as number) - 1;
  }
  return cells.map((r, row) => {
    const line = r
      .map((cell, i) => {
        const w = widths[i] as number;
        const cut = cell.length > w ? `${cell.slice(0, Math.max(0, w - 1))}…` : cell;
        return i === r.length - 1 ? cut : cut.padEnd(w);
      })
      .join(' '.repeat(GAP))
      .trimEnd();
    return row === 0 && o.header ? o.header(line) : line;
  });
}

function escapeTsv(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}
