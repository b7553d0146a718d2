// What a trip hands its workflow: `{{data.<path>}}` and `{{event_timestamp}}` in a trigger's input values, filled
// from the trip's data (runtime contract §6.2 item 3). Pure: the emulator checks a webhook's body with it, and
// the workflow runner fills the inputs with it.

/** What a trip knows when it happens: its `data` (a webhook's JSON body) and when it happened. */
export interface TripContext {
  data: unknown;
  /** Unix seconds. */
  event_timestamp: number;
}

const TEMPLATE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const WHOLE = /^\{\{\s*([^{}]*?)\s*\}\}$/;

/** The value a reference names (`data.user.id`, `event_timestamp`), or undefined when the trip has none. */
export function lookup(path: string, trip: TripContext): unknown {
  if (path === 'event_timestamp') return trip.event_timestamp;
  const [root, ...keys] = path.split('.');
  if (root !== 'data') return undefined;
  let value: unknown = trip.data;
  for (const key of keys) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value ?? undefined;
}

/** The references in the strings of `value` (objects and arrays walked) that the trip cannot fill; null counts as missing. */
export function missingReferences(value: unknown, trip: TripContext): string[] {
  const missing: string[] = [];
  walkStrings(value, (text) => {
    for (const match of text.matchAll(TEMPLATE)) {
      const path = match[1] as string;
      if (lookup(path, trip) === undefined && !missing.includes(path)) missing.push(path);
    }
  });
  return missing;
}

/**
 * `value` with its references filled in. A string that is exactly one reference takes the referenced value
 * with its JSON type (a number stays a number, an object an object); a reference inside longer text is written
 * into it (strings as they are, anything else as JSON), and a missing one as nothing.
 */
export function resolveTemplates(value: unknown, trip: TripContext): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole) return lookup(whole[1] as string, trip);
    return value.replace(TEMPLATE, (_m, path: string) => {
      const v = lookup(path, trip);
      return v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    });
  }
  if (Array.isArray(value)) return value.map((item) => resolveTemplates(item, trip));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveTemplates(v, trip)]));
  }
  return value;
}

function walkStrings(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const item of value) walkStrings(item, visit);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) walkStrings(item, visit);
}
