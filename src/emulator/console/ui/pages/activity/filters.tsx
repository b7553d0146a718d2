import { navigate, paths } from '../../router.js';
import { FILTER_NAMES, type Filters, inputFromUtc, searchOf, utcFromInput } from './query.js';

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
const COMPONENT_TYPES = ['events_api', 'workflows', 'functions', 'tables'];
const SOURCES = ['slack', 'developer'];

/**
 * The log's filters, kept in the page's URL (so a link reproduces the view): a form whose submit navigates to
 * the same page with the new query. Every field has its label; times are UTC, as the log shows them.
 */
export function ActivityFilters({ appId, filters }: { appId: string; filters: Filters }) {
  const apply = (e: Event) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const next: Filters = {};
    for (const name of FILTER_NAMES) {
      const v = String(data.get(name) ?? '').trim();
      if (v !== '') next[name] = name === 'since' || name === 'until' ? utcFromInput(v) : v;
    }
    navigate(paths.activity(appId) + searchOf(next));
  };
  const any = Object.keys(filters).length > 0;
  return (
    // Keyed by the view, so back/forward and links show the filters the URL holds.
    <form class="card filters" role="search" aria-label="Filter the activity" onSubmit={apply} key={searchOf(filters)}>
      <div class="fields">
        <label>
          Search
          <input type="search" name="q" defaultValue={filters.q ?? ''} placeholder="text in the entry" />
        </label>
        <label>
          Level
          <select name="level">
            <option value="">any</option>
            {LEVELS.map((l) => (
              <option key={l} value={l} selected={filters.level === l}>
                {l} and worse
              </option>
            ))}
          </select>
        </label>
        <label>
          Event
          <input name="event" defaultValue={filters.event ?? ''} placeholder="e.g. function_execution_output" />
        </label>
        <label>
          Component type
          <select name="component_type">
            <option value="">any</option>
            {COMPONENT_TYPES.map((t) => (
              <option key={t} value={t} selected={filters.component_type === t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label>
          Component ID
          <input name="component_id" defaultValue={filters.component_id ?? ''} placeholder="e.g. Fn0123ABCD" />
        </label>
        <label>
          Source
          <select name="source">
            <option value="">any</option>
            {SOURCES.map((s) => (
              <option key={s} value={s} selected={filters.source === s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Since (UTC)
          <input type="datetime-local" step="1" name="since" defaultValue={inputFromUtc(filters.since)} />
        </label>
        <label>
          Until (UTC)
          <input type="datetime-local" step="1" name="until" defaultValue={inputFromUtc(filters.until)} />
        </label>
      </div>
      <div class="actions">
        <button type="submit">Apply filters</button>
        {any && (
          <a class="clear" href={paths.activity(appId)}>
            Clear filters
          </a>
        )}
      </div>
    </form>
  );
}
