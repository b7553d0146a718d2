const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function stamp(y: number, mo: number, d: number, h: number, mi: number, s: number): string {
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
}

/** Built on first use only: creating an Intl formatter loads ICU data, which costs start-up time. */
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = zoneFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    zoneFormatters.set(timeZone, f);
  }
  return f;
}

/**
 * `YYYY-MM-DD HH:MM:SS` for an activity's `created` (microseconds), in the process time zone unless
 * `timeZone` names one. The process zone and UTC use Date getters, so the common path never touches Intl.
 * An unknown zone name throws a RangeError.
 */
export function formatCreated(created: number, timeZone?: string): string {
  // A missing or broken timestamp prints as the epoch, as a zero value would.
  const seconds = Number.isFinite(created) ? Math.floor(created / 1_000_000) : 0;
  const d = new Date(seconds * 1000);
  if (timeZone === undefined) {
    return stamp(d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds());
  }
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') {
    return stamp(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
  }
  const part: Record<string, number> = {};
  for (const p of zoneFormatter(timeZone).formatToParts(d)) if (p.type !== 'literal') part[p.type] = Number(p.value);
  return stamp(part.year ?? 0, part.month ?? 0, part.day ?? 0, part.hour ?? 0, part.minute ?? 0, part.second ?? 0);
}
