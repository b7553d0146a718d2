import { redact } from '../../../lib/redact.js';

/** Values shorter than this are left as they are: hiding "1" or "no" everywhere would hide the log, not a secret. */
const MIN_HIDDEN_LENGTH = 4;

/** The secret path segment of a webhook or shortcut trigger's URL (`/triggers/<team>/<trigger>/<secret>`, `/shortcuts/<trigger>/<secret>`). */
const TRIGGER_SECRET = /(\/triggers\/[A-Z0-9]+\/[A-Za-z0-9]+\/|\/shortcuts\/[A-Za-z0-9]+\/)[A-Za-z0-9_-]+/g;

/**
 * An activity's payload (stored JSON text) with what the console never shows taken out: Slack tokens, the secret
 * of a trigger's URL, and the app's hosted variable values (a function may print them). Works on the JSON text,
 * so a secret is hidden wherever it sits; what replaces it keeps the text valid JSON.
 */
export function hideSecrets(payloadJson: string, variables: Readonly<Record<string, string>>): string {
  let text = redact(payloadJson).replace(TRIGGER_SECRET, '$1[redacted]');
  // Longest first, so a value that contains another is hidden whole.
  const hidden = Object.entries(variables)
    .filter(([, v]) => v.length >= MIN_HIDDEN_LENGTH)
    .sort(([, a], [, b]) => b.length - a.length);
  for (const [name, value] of hidden) {
    // As the value appears inside a JSON string.
    const quoted = JSON.stringify(value).slice(1, -1);
    text = text.split(quoted).join(`[hidden: variable ${name}]`);
  }
  return text;
}
