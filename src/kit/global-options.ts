import * as z from 'zod/mini';

/*
 * The global flags (kit/flags.ts) as a command's options schema declares them, written once.
 * The runner hands every command the global flags' values beside its own (RawInput.flags);
 * a command's schema picks the ones it reads, so they arrive in its options and never through
 * the Context. Kept apart from flags.ts, which every definition imports: help and completion
 * must not load zod.
 */

const text = z.optional(z.string());

/** `--app`: the app to act on. */
export const appOption = { app: text };

/** `--force`: skip confirmations. */
export const forceOption = { force: z.optional(z.boolean()) };

/** `--verbose`. */
export const verboseOption = { verbose: z.optional(z.boolean()) };

/** `--no-prompt`: false when given. */
export const promptOption = { prompt: z.optional(z.boolean()) };

/** `--token` and `--token-file`: a token named on the command line. */
export const tokenOptions = { token: text, tokenFile: text };

/**
 * The flags that chose where a run went — host, credentials folder, team, app, token file:
 * what a printed follow-up command repeats to run as printed (auth/follow-up.ts `RunFlags`).
 */
export const addressOptions = { apihost: text, configDir: text, team: text, ...appOption, tokenFile: text };
