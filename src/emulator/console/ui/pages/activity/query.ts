/** The filter fields, named as the activity endpoint's query names them; the page's URL keeps the same ones. */
export const FILTER_NAMES = ['level', 'event', 'component_type', 'component_id', 'source', 'since', 'until', 'q'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];
export type Filters = Partial<Record<FilterName, string>>;

/** The filters a URL's query holds (other names are ignored). */
export function filtersOf(search: URLSearchParams): Filters {
  const f: Filters = {};
  for (const name of FILTER_NAMES) {
    const v = search.get(name)?.trim();
    if (v) f[name] = v;
  }
  return f;
}

/** The query string that reproduces a view: `?level=error&q=name`, or '' with no filter. */
export function searchOf(f: Filters): string {
  const q = new URLSearchParams();
  for (const name of FILTER_NAMES) if (f[name]) q.set(name, f[name] as string);
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}

/** A `datetime-local` input's value (read as UTC, as the page shows times) as the URL keeps it, and back. */
export const utcFromInput = (v: string) => (v === '' ? '' : `${v}Z`);
export const inputFromUtc = (v: string | undefined) => (v ?? '').replace(/Z$/, '');
