import { MethodError } from '../errors.js';

/** Log levels from least to most severe (contract §12.4); `min_log_level` keeps a level and those after it. */
export const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type Level = (typeof LEVELS)[number];
export const SOURCES = ['slack', 'developer'] as const;
export const COMPONENT_TYPES = ['events_api', 'workflows', 'functions', 'tables'] as const;

/** Slack keeps activity logs 7 days; older ones are neither listed nor kept. */
export const RETENTION_MS = 7 * 24 * 3_600_000;
/** Activities per page when `limit` is absent or 0 (the official CLI's default). */
export const DEFAULT_LIST_LIMIT = 100;
/** A larger `limit` is lowered to this rather than refused: Slack publishes no maximum. */
export const MAX_LIST_LIMIT = 1000;

export const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);

/** The levels at or above `min`. */
export const levelsFrom = (min: Level): Level[] => LEVELS.slice(LEVELS.indexOf(min));

/** One line of `response_metadata.messages`, in Slack's wording: what is wrong, then where. */
export const problem = (what: string, param: string) => `[ERROR] ${what} [json-pointer:/${param}]`;

/** Slack's answer to bad parameters: invalid_arguments, every problem spelled out. */
export const invalidArguments = (messages: string[]) => new MethodError('invalid_arguments', { response_metadata: { messages } });

/** Microseconds since the epoch, the unit of `created`. */
export const micros = (ms: number) => Math.floor(ms) * 1000;
