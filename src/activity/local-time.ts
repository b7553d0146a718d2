const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function stamp(y: number, mo: number, d: number, h: number, mi: number, s: number): string {
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
}

interface ZoneClock {
  format: Intl.DateTimeFormat;
  /** The last minute formatted: logs come in time order, so most entries share it with their neighbour. */
  minute: number;
  prefix: string;
}

/** Built on first use only: creating an Intl formatter loads ICU data, which costs start-up time. */
const zoneClocks = new Map<string, ZoneClock>();

function zoneClock(timeZone: string): ZoneClock {
  let c = zoneClocks.get(timeZone);
  if (!c) {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    c = { format, minute: Number.NaN, prefix: '' };
    zoneClocks.set(timeZone, c);
  }
  return c;
}

/** Every zone offset since 1972 is a whole number of minutes, so the seconds can be added to a cached minute. */
function zoneStamp(seconds: number, timeZone: string): string {
  const c = zoneClock(timeZone);
  const minute = Math.floor(seconds / 60);
  if (minute !== c.minute) {
    const part: Record<string, number> = {};
    for (const p of c.format.formatToParts(new Date(minute * 60_000))) if (p.type !== 'literal') part[p.type] = Number(p.value);
    c.minute = minute;
    c.prefix = stamp(part.year ?? 0, part.month ?? 0, part.day ?? 0, part.hour ?? 0, part.minute ?? 0, 0).slice(0, -2);
  }
  return c.prefix + pad(seconds - minute * 60);
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
  return zoneStamp(seconds, timeZone);
}
