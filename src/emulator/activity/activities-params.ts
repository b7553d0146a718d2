import type { Direction } from './activities-cursor.js';
import {
  COMPONENT_TYPES,
  DEFAULT_LIST_LIMIT,
  isOneOf,
  LEVELS,
  levelsFrom,
  MAX_LIST_LIMIT,
  problem,
  SOURCES,
  invalidArguments,
  type Level,
} from './activity-rules.js';
import type { ParsedRequest } from '../http/index.js';

/** The parameters of apps.activities.list (contract §12.4), checked. */
export interface ListParams {
  appId: string;
  teamId?: string | undefined;
  cursor?: string | undefined;
  limit: number;
  /** Undefined when every level passes (min_log_level=trace). */
  levels?: Level[] | undefined;
  eventType?: string | undefined;
  source?: string | undefined;
  componentType?: string | undefined;
  componentId?: string | undefined;
  traceId?: string | undefined;
  minCreated?: number | undefined;
  maxCreated?: number | undefined;
  direction: Direction;
  /** Whether sort_direction was given, so a cursor may set it instead. */
  directionGiven: boolean;
}

/**
 * Reads every parameter, collecting all that are wrong: bad values are refused with
 * invalid_arguments naming each, never silently ignored. Empty values count as absent,
 * as forms and query strings send them.
 */
export function listParams(req: ParsedRequest): ListParams {
  const problems: string[] = [];
  const absent = (name: string) => req.params[name] === undefined || req.params[name] === null || req.params[name] === '';
  const text = (name: string): string | undefined => {
    const v = req.params[name];
    if (absent(name)) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    problems.push(problem('must be a string', name));
    return undefined;
  };
  const oneOf = <T extends string>(name: string, list: readonly T[]): T | undefined => {
    const v = text(name);
    if (v === undefined || isOneOf(list, v)) return v;
    problems.push(problem(`must be one of ${list.join(', ')}; got "${v}"`, name));
    return undefined;
  };
  const whole = (name: string): number | undefined => {
    const v = req.params[name];
    if (absent(name)) return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
    if (Number.isSafeInteger(n) && n >= 0) return n;
    problems.push(problem(`must be a non-negative integer; got ${shown(v)}`, name));
    return undefined;
  };

  if (absent('app_id')) problems.push(problem('missing required field: app_id', 'app_id'));
  const appId = text('app_id');
  const limit = whole('limit');
  const minLevel = oneOf('min_log_level', LEVELS) ?? 'info';
  const direction = oneOf('sort_direction', ['asc', 'desc'] as const);
  const params = {
    teamId: text('team_id'),
    cursor: text('cursor'),
    eventType: text('log_event_type'),
    source: oneOf('source', SOURCES),
    componentType: oneOf('component_type', COMPONENT_TYPES),
    componentId: text('component_id'),
    traceId: text('trace_id'),
    minCreated: whole('min_date_created'),
    maxCreated: whole('max_date_created'),
  };
  if (problems.length > 0 || appId === undefined) throw invalidArguments(problems);
  return {
    ...params,
    appId,
    // 0 is what the official CLI sends when --limit is left at its zero value.
    limit: limit === undefined || limit === 0 ? DEFAULT_LIST_LIMIT : Math.min(limit, MAX_LIST_LIMIT),
    levels: minLevel === 'trace' ? undefined : levelsFrom(minLevel),
    direction: direction ?? 'desc',
    directionGiven: direction !== undefined,
  };
}

/** A rejected value as the message shows it: scalars as JSON; lists and maps by kind, as they may be huge or nested too deep to print. */
function shown(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v !== null && typeof v === 'object') return 'an object';
  return JSON.stringify(v);
}
