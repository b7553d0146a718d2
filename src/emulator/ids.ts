import { createHash, randomInt } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const DIGITS = '0123456789';
const HEX = '0123456789abcdef';
// No 0/O, 1/I/L: people read challenge codes off a screen and type them.
const READABLE = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

function randomString(alphabet: string, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

/*
 * Shapes follow Slack's so clients that sniff prefixes (and rosi's redaction, which matches
 * `xox…-[A-Za-z0-9-]+`) treat them like real ones.
 */
export const newRotatingToken = () => `xoxe.xoxp-1-${randomString(ALNUM, 48)}`;
export const newRefreshToken = () => `xoxe-1-${randomString(ALNUM, 48)}`;
export const newServiceToken = () => `xoxp-${randomString(ALNUM, 48)}`;
export const newTicket = () => randomString(ALNUM, 32);
export const newChallenge = () => randomString(READABLE, 8);
// rosi's --app flag takes an app ID as A and capitals or digits; Slack's are eleven long.
// Slack's team IDs are T and capitals or digits; credentials.json keys of that shape are team IDs.
export const newTeamId = () => `T${randomString(UPPER_ALNUM, 10)}`;
export const newAppId = () => `A${randomString(UPPER_ALNUM, 10)}`;
// Slack's channel IDs are C and capitals or digits (private ones too, since 2021).
export const newChannelId = () => `C${randomString(UPPER_ALNUM, 10)}`;
// Slack's trace IDs read like Tr0123ABCDEF: Tr and capitals or digits.
export const newTraceId = () => `Tr${randomString(UPPER_ALNUM, 10)}`;
export const newClientId = () => `${randomString(DIGITS, 13)}.${randomString(DIGITS, 13)}`;
export const newAppSecret = () => randomString(HEX, 32);
export const newVerificationToken = () => randomString(ALNUM, 24);
// Slack's trigger IDs read like Ft0141BC3F2N; the secret ends a webhook URL as Slack's hex-like tail does.
export const newTriggerId = () => `Ft${randomString(UPPER_ALNUM, 10)}`;
export const newTriggerSecret = () => randomString(HEX, 32);
// Slack's workflow function tokens start xwfp-; the emulator's execution tokens take that shape (auth/execution-tokens.ts).
export const newExecutionToken = () => `xwfp-${randomString(DIGITS, 13)}-${randomString(DIGITS, 13)}-${randomString(ALNUM, 32)}`;
// Slack's workflow execution IDs read like Wx0123ABCDEF, function executions Fx…, events Ev…: a prefix and capitals or digits.
export const newWorkflowExecutionId = () => `Wx${randomString(UPPER_ALNUM, 10)}`;
export const newFunctionExecutionId = () => `Fx${randomString(UPPER_ALNUM, 10)}`;
export const newEventId = () => `Ev${randomString(UPPER_ALNUM, 10)}`;
export const newBotToken = () => `xoxb-${randomString(DIGITS, 13)}-${randomString(DIGITS, 13)}-${randomString(ALNUM, 24)}`;

/**
 * An ID that is the same every time for the same parts (`Fn…` for a workflow's function, `Wf…` for the
 * workflow), so an app's workflow keeps its IDs across restarts and redeploys without a table.
 */
export function stableId(prefix: string, ...parts: string[]): string {
  const digest = createHash('sha256').update(parts.join('\0')).digest();
  let s = prefix;
  for (let i = 0; i < 10; i++) s += UPPER_ALNUM[(digest[i] as number) % UPPER_ALNUM.length];
  return s;
}

/** The app's bot user (`authorizations[].user_id`, who its messages and reactions are from): stable per app, no table. */
export const appBotUserId = (appId: string) => stableId('U', appId, 'bot');

/** The app's DM with a person: the emulator keeps no DM channels, so it is a stable `D…` per app and user. */
export const appDmChannelId = (appId: string, userId: string) => stableId('D', appId, userId);

// Slack's user group IDs read like S0614TZR7: S and capitals or digits.
export const newUsergroupId = () => `S${randomString(UPPER_ALNUM, 10)}`;

// An interactivity pointer as Slack hands one out: two groups of 13 digits and 32 hex digits, dot-joined.
export const newInteractivityPointer = () => `${randomString(DIGITS, 13)}.${randomString(DIGITS, 13)}.${randomString(HEX, 32)}`;

/** Challenge codes are compared the way a person would type them: case and spaces don't matter. */
export const normalizeChallenge = (code: string) => code.replace(/\s+/g, '').toUpperCase();

/** Tokens are stored as hashes: a copied database file holds no usable credential. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
