// Wall clocks in IANA time zones, with Intl.DateTimeFormat as the only source of zone rules
// (Node ships full ICU, so every IANA zone is there and no dependency is needed).
import { daysFromCivil } from './civil.js';

/** A local date and time of day, as a clock on the wall in some zone shows it. */
export interface WallClock {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number; // 0–23
  minute: number;
  second: number;
  millisecond: number;
}

const DAY_MS = 86_400_000;

/** Words spelt in capitals in IANA names (UTC, Etc/GMT+5, EST5EDT, US/Eastern, NZ-CHAT …). */
const UPPER_WORDS = new Set('UTC UCT GMT US GB NZ PRC ROC ROK SU W IN CHAT EST EDT CST CDT MST MDT PST PDT HST EET CET MET WET'.split(' '));
/** The small words of Dar_es_Salaam, Port-au-Prince, Isle_of_Man, Port_of_Spain. */
const LOWER_WORDS = new Set(['es', 'au', 'of']);

let canonicalByLowerCase: Map<string, string> | undefined;
const formatters = new Map<string, Intl.DateTimeFormat>();

function isKnownZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false; // RangeError: an unknown zone
  }
}

/** The usual capitals of a zone name typed in one case: each word capitalised, bar the exceptions above. */
function capitalise(name: string): string {
  return name.replace(/[A-Za-z]+/g, (word) => {
    const upper = word.toUpperCase();
    if (UPPER_WORDS.has(upper)) return upper;
    if (LOWER_WORDS.has(word.toLowerCase())) return word.toLowerCase();
    return upper[0] + word.slice(1).toLowerCase();
  });
}

/**
 * The IANA zone a user meant, spelt as the database spells it ("asia/kolkata" → "Asia/Kolkata", as Slack
 * normalises it), or undefined if there is no such zone. Not ICU's own canonical name: ICU keeps CLDR's old
 * ones (Asia/Kolkata would come back as Asia/Calcutta, Europe/Kyiv as Europe/Kiev), and the user's choice
 * of a current IANA name stays as given. Case is matched against `Intl.supportedValuesOf('timeZone')`;
 * a name that list lacks (an alias) keeps the capitals it was typed with, or, typed in one case, gets the
 * usual ones.
 */
export function canonicalTimeZone(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '' || !isKnownZone(trimmed)) return undefined;
  canonicalByLowerCase ??= new Map(Intl.supportedValuesOf('timeZone').map((z) => [z.toLowerCase(), z]));
  const listed = canonicalByLowerCase.get(trimmed.toLowerCase());
  if (listed) return listed;
  const oneCase = trimmed === trimmed.toLowerCase() || trimmed === trimmed.toUpperCase();
  return oneCase ? capitalise(trimmed) : trimmed;
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall clock in `zone` at an instant (milliseconds since the epoch). */
export function wallClockAt(instant: number, zone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    millisecond: ((instant % 1000) + 1000) % 1000,
  };
}

/** The wall clock read as if it were UTC, in milliseconds: what offsets are measured against. */
export function wallAsUtc(w: WallClock): number {
  return daysFromCivil(w.year, w.month, w.day) * DAY_MS + ((w.hour * 60 + w.minute) * 60 + w.second) * 1000 + w.millisecond;
}

/** How far `zone` is ahead of UTC at an instant, in milliseconds. */
export function offsetAt(instant: number, zone: string): number {
  return wallAsUtc(wallClockAt(instant, zone)) - instant;
}

/**
 * The instant a wall clock in `zone` shows `wall`. Around a change of offset a wall time can happen twice or
 * not at all; as RFC 5545 (§3.3.5) and Temporal's "compatible" disambiguation do:
 * - fall back (01:30 happens twice in New York on 2026-11-01): the first of the two, before the clocks go back;
 * - spring forward (02:30 never happens in New York on 2026-03-08): moved forward by the length of the gap
 *   (03:30 EDT), i.e. read with the offset in force before the change.
 * Assumes at most one offset change within a day either side, which every zone has kept to.
 */
export function instantOf(wall: WallClock, zone: string): number {
  const local = wallAsUtc(wall);
  const before = local - offsetAt(local - DAY_MS, zone);
  const after = local - offsetAt(local + DAY_MS, zone);
  const fits = [before, after].filter((t) => wallAsUtc(wallClockAt(t, zone)) === local);
  if (fits.length > 0) return Math.min(...fits);
  return before;
}
