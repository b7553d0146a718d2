export type { Activity } from '../lib/activity/activity.js';

/** Log levels from least to most severe; the server filters with `min_log_level`. */
export const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type Level = (typeof LEVELS)[number];
