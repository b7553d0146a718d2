import type { Item } from '../../datastore/expression.js';
import { asJson, type IO } from '../../io/io.js';
import { formatTable } from '../../io/table.js';

/** `put`, `update`, `get`: the item as indented JSON (contract §6.5). */
export function renderItem(r: { item: Item }, ui: IO): void {
  asJson(r.item, ui);
}

/** Lists of items: a table on a terminal, tab-separated values otherwise. Nothing for none. */
export function renderItems(items: readonly Item[], ui: IO): void {
  if (items.length === 0) return;
  const headers: string[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    for (const key of Object.keys(item)) {
      if (!seen.has(key)) {
        seen.add(key);
        headers.push(key);
      }
    }
  }
  const rows = items.map((item) => headers.map((h) => cell(item[h])));
  for (const line of formatTable(headers, rows, { tty: ui.isStdoutTTY, columns: ui.columns, header: ui.colors.bold })) ui.out(line);
}

function cell(v: unknown): string {
  if (v === undefined) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** At most `max` lines of failed items for an error's details, then a count of the rest. */
export function summarizeFailed(failed: readonly unknown[], max = 10): string[] {
  const lines = failed.slice(0, max).map((f) => (typeof f === 'string' ? f : JSON.stringify(f)));
  if (failed.length > max) lines.push(`… and ${failed.length - max} more`);
  return lines;
}
