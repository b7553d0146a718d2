import '../styles/datastore.css';
import { useState } from 'preact/hooks';
import { Problem, useJson } from '../components/load.js';
import { Layout } from '../layout.js';
import { useLive } from '../live.js';
import { paths } from '../router.js';
import { DeleteConfirm } from './datastore/delete-confirm.js';
import { ItemEditor } from './datastore/item-editor.js';
import { ItemsTable } from './datastore/items-table.js';
import { Transfer } from './datastore/transfer.js';
import { datastoreApi, type Item, type ItemsPage } from './datastore/types.js';

/**
 * What the panel shows: an item (to read or edit; `last` is how it was when opened or saved, for when it is not on the
 * page being looked at), a new one, or the delete step for one.
 */
type Panel = { kind: 'item'; id: string; last: Item } | { kind: 'new' } | { kind: 'delete'; id: string } | undefined;

/**
 * A datastore's items, a page at a time by primary key (the server keeps the cursor; the page keeps the ones it
 * came through, for Previous), filtered with the `--where` syntax, kept current by the live channel.
 */
export function DatastorePage({ appId, datastore }: { appId: string; datastore: string }) {
  const [draft, setDraft] = useState(() => new URLSearchParams(location.search).get('where') ?? '');
  const [where, setWhere] = useState(draft);
  const [cursors, setCursors] = useState<string[]>([]);
  const [panel, setPanel] = useState<Panel>(undefined);
  const cursor = cursors[cursors.length - 1];
  const loaded = useJson<ItemsPage>(datastoreApi(appId, datastore, 'items'), { where, cursor });
  // An item written anywhere (the CLI, a function, this page) re-reads the page being looked at.
  useLive('items', (n) => {
    if (n.app_id === appId && n.datastore === datastore) loaded.reload();
  });

  const apply = (next: string) => {
    setWhere(next);
    setCursors([]);
    const q = new URLSearchParams(location.search);
    if (next === '') q.delete('where');
    else q.set('where', next);
    const s = q.toString();
    history.replaceState(null, '', `${location.pathname}${s === '' ? '' : `?${s}`}`);
  };
  const filterProblem = loaded.state === 'failed' && loaded.problem.code === 'invalid_where' ? loaded.problem : undefined;
  const page = loaded.state === 'ok' ? loaded.data : undefined;
  const opened = panel?.kind === 'item' ? page?.items.find((i) => String(i[page.primary_key]) === panel.id) : undefined;

  return (
    <Layout
      title={datastore}
      appId={appId}
      crumbs={[{ label: 'Overview', href: paths.overview() }, { label: appId, href: paths.app(appId) }, { label: datastore }]}
    >
      <form
        class="filter"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          apply(draft.trim());
        }}
      >
        <label for="where">Filter, as rosi datastore query --where</label>
        <div class="filter-row">
          <input
            id="where"
            class="mono"
            type="text"
            spellcheck={false}
            autoComplete="off"
            placeholder='status = "done" and priority >= 2'
            aria-describedby={filterProblem ? 'where-problem' : undefined}
            aria-invalid={filterProblem ? true : undefined}
            value={draft}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
          <button type="submit">Filter</button>
          {where !== '' && (
            <button
              type="button"
              class="secondary"
              onClick={() => {
                setDraft('');
                apply('');
              }}
            >
              Clear
            </button>
          )}
        </div>
        {filterProblem && (
          <div id="where-problem">
            <Problem problem={filterProblem} />
          </div>
        )}
      </form>

      {loaded.state === 'loading' && (
        <p class="muted" aria-busy="true">
          Loading…
        </p>
      )}
      {loaded.state === 'failed' && !filterProblem && <Problem problem={loaded.problem} />}
      {page && (
        <>
          <div class="toolbar">
            <p class="count" aria-live="polite">
              {page.count.toLocaleString('en')}{' '}
              {page.where === '' ? (page.count === 1 ? 'item' : 'items') : page.count === 1 ? 'matching item' : 'matching items'}
              {cursors.length > 0 && <span class="muted"> · page {cursors.length + 1}</span>}
            </p>
            <button type="button" onClick={() => setPanel({ kind: 'new' })}>
              Add item
            </button>
            <Transfer appId={appId} datastore={datastore} where={where} />
          </div>
          {panel?.kind === 'new' && (
            <ItemEditor
              key="new"
              appId={appId}
              datastore={datastore}
              primaryKey={page.primary_key}
              item={undefined}
              onSaved={(item: Item) => {
                setPanel({ kind: 'item', id: String(item[page.primary_key]), last: item });
                loaded.reload();
              }}
              onClose={() => setPanel(undefined)}
            />
          )}
          {panel?.kind === 'item' && (
            <ItemEditor
              key={panel.id}
              appId={appId}
              datastore={datastore}
              primaryKey={page.primary_key}
              item={opened ?? panel.last}
              onSaved={(item: Item) => {
                setPanel({ ...panel, last: item });
                loaded.reload();
              }}
              onClose={() => setPanel(undefined)}
            />
          )}
          {panel?.kind === 'delete' && (
            <DeleteConfirm
              key={panel.id}
              appId={appId}
              datastore={datastore}
              id={panel.id}
              onDone={(deleted) => {
                setPanel(undefined);
                if (deleted) loaded.reload();
              }}
            />
          )}
          {page.items.length === 0 ? (
            <p class="muted">
              {page.where === '' ? 'No items yet: add one, import a file, or run rosi datastore put.' : 'No items on this page match the filter.'}
            </p>
          ) : (
            <ItemsTable
              page={page}
              onOpen={(item) => setPanel({ kind: 'item', id: String(item[page.primary_key]), last: item })}
              onDelete={(item) => setPanel({ kind: 'delete', id: String(item[page.primary_key]) })}
            />
          )}
          <nav class="pager" aria-label="Pages">
            <button type="button" class="secondary" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
              Previous page
            </button>
            <button
              type="button"
              class="secondary"
              disabled={page.next_cursor === undefined}
              onClick={() => page.next_cursor !== undefined && setCursors([...cursors, page.next_cursor])}
            >
              Next page
            </button>
          </nav>
        </>
      )}
    </Layout>
  );
}
