import type { Item, ItemsPage } from './types.js';

/** Past this many characters a cell is cut; the whole item is one click away. */
const CELL_CHARS = 120;

/** A value as a cell shows it: strings as they are, anything else as JSON. Always text, never markup. */
function cellText(v: unknown): string {
  if (v === undefined) return '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > CELL_CHARS ? `${s.slice(0, CELL_CHARS)}…` : s;
}

/** The items as a table: the manifest's attributes as columns (primary key first), and each row's actions. */
export function ItemsTable({ page, onOpen, onDelete }: { page: ItemsPage; onOpen: (item: Item) => void; onDelete: (item: Item) => void }) {
  const key = page.primary_key;
  return (
    <div class="items-wrap" role="region" aria-label={`Items of ${page.datastore}`} tabIndex={0}>
      <table class="grid items">
        <caption class="visually-hidden">Items of {page.datastore}, by primary key</caption>
        <thead>
          <tr>
            {page.attributes.map((a) => (
              <th key={a.name} scope="col">
                {a.name}
                <span class="type">{a.type}</span>
              </th>
            ))}
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((item) => {
            const id = String(item[key]);
            return (
              <tr key={id}>
                {page.attributes.map((a, i) =>
                  i === 0 ? (
                    <th key={a.name} scope="row" class="mono">
                      {cellText(item[a.name])}
                    </th>
                  ) : (
                    <td key={a.name} class={typeof item[a.name] === 'string' ? undefined : 'mono'}>
                      {cellText(item[a.name])}
                    </td>
                  ),
                )}
                <td class="actions">
                  <button type="button" class="secondary" aria-label={`Open ${id}`} onClick={() => onOpen(item)}>
                    Open
                  </button>
                  <button type="button" class="secondary danger" aria-label={`Delete ${id}`} onClick={() => onDelete(item)}>
                    Delete
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
