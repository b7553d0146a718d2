import { wallClockAt } from '../lib/schedule/time-zone.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function stamp(y: number, mo: number, d: number, h: number, mi: number, s: number): string {
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
}

/** The last minute formatted in a zone: logs come in time order, so most entries share it with their neighbour. */
interface ZoneClock {
  minute: number;
  prefix: string;
}

const zoneClocks = new Map<string, ZoneClock>();

/** Every zone offset since 1972 is a whole number of minutes, so the seconds can be added to a cached minute. */
function zoneStamp(seconds: number, timeZone: string): string {
  let c = zoneClocks.get(timeZone);
  if (!c) zoneClocks.set(timeZone, (c = { minute: Number.NaN, prefix: '' }));
  const minute = Math.floor(seconds / 60);
  if (minute !== c.minute) {
    const w = wallClockAt(minute * 60_000, timeZone);
    c.minute = minute;
    c.prefix = stamp(w.year, w.month, w.day, w.hour, w.minute, 0).slice(0, -2);
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
