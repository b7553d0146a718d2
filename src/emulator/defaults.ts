import { availableParallelism } from 'node:os';

/** The workspace and the developer the emulator seeds (there is no sign-in: one developer). */
export interface SeedTeam {
  id: string;
  domain: string;
  name: string;
}
export interface SeedUser {
  id: string;
  name: string;
}

export const DEFAULT_PORT = 5810;
export const DEFAULT_HOST = '127.0.0.1';
/** Slack's user tokens live 12 hours (contract §12.2). */
export const DEFAULT_TOKEN_TTL_MS = 12 * 3_600_000;
/** Slack's auth tickets expire after five minutes. */
export const DEFAULT_TICKET_TTL_MS = 5 * 60_000;
export const DEFAULT_TEAM: SeedTeam = { id: 'T0EMULATOR', domain: 'emulator', name: 'Emulator Workspace' };
export const DEFAULT_USER: SeedUser = { id: 'U0EMULATOR', name: 'developer' };
export const DATABASE_FILE = 'emulator.db';
/** How long a presigned upload stays usable. S3 presigns are commonly given minutes; Slack's is unpublished. */
export const DEFAULT_PRESIGN_TTL_MS = 10 * 60_000;
/** The upload size limit of a presign (decimal megabytes, as deploy reports sizes). Slack publishes none. */
export const DEFAULT_MAX_UPLOAD_BYTES = 200_000_000;
/** The largest hosted variable value, in bytes: rosi's own limit (lib/variable-rules.ts); Slack publishes none. */
export { MAX_VARIABLE_VALUE_BYTES as DEFAULT_MAX_VARIABLE_BYTES } from '../lib/variable-rules.js';
/** The largest body a webhook trigger takes, in bytes. Slack publishes none; 1 MiB is far beyond any webhook sender's event. */
export const DEFAULT_MAX_WEBHOOK_BYTES = 1024 * 1024;
/** Slack's limit for a deployed function's execution (runtime contract §4.5). */
export const DEFAULT_FUNCTION_TIMEOUT_MS = 60_000;
/**
 * A function's JavaScript heap limit in MiB (`--function-memory`). Slack publishes no memory limit for its hosted
 * runtime; 256 MiB is far more than a function handling one event needs, and keeps a runaway one from taking the
 * developer's machine.
 */
export const DEFAULT_FUNCTION_MEMORY_MIB = 256;
/** Deno processes running functions at once, by default: one per CPU, so a burst of executions queues rather than swamps the machine. */
export const defaultMaxExecutions = (): number => availableParallelism();
/** The function runtime's folder in the data dir: unpacked bundles, Deno's cache, the harness. */
export const RUNTIME_FOLDER = 'runtime';
/** The bucket of the emulator's S3 endpoint, served at /__s3/<bucket>. */
export const UPLOAD_BUCKET = 'rosi-uploads';
export const UPLOADS_FOLDER = 'uploads';
/** Half-written uploads, inside the uploads folder so the final rename stays on one disk. */
export const INCOMING_FOLDER = '.incoming';
/** How long a function that returned without completing ({completed: false}) may take to call functions.complete*. */
export const DEFAULT_COMPLETION_LIMIT_MS = 5 * 60_000;
/** The longest a workflow's `delay` step waits (Slack's delays last minutes to days; a local run should not). */
export const DEFAULT_DELAY_CAP_MS = 10_000;
/**
 * Scheduled triggers fire by the emulator's clock unless turned off (`--no-schedules`): the platform's scheduler
 * runs them, so an emulator that did not would hide what a deployed app does at 09:00.
 */
export const DEFAULT_SCHEDULES = true;
/**
 * The most occurrences of one scheduled trigger one look fires (a clock move, a wake-up): the latest of those due.
 * A ten-year jump of an hourly schedule would otherwise start 87,600 workflows.
 */
export const MAX_SCHEDULED_FIRES_PER_TRIGGER = 100;
