// Slack tokens (xoxp-, xoxb-, xoxe.xoxp-, xoxe-…) and anything that looks like one.
const TOKEN = /xox[a-z]?(?:\.xox[a-z])?-[A-Za-z0-9-]+/g;
// Fields whose values are secrets in form or JSON bodies: any *token (token, refresh_token,
// verification_token), any *secret (client_secret, signing_secret), challenge codes, tickets.
const SECRET_FIELDS = /((?:^|[&"{,\s])(?:[a-z_]*token|[a-z_]*secret|challenge|ticket)["]?\s*[=:]\s*"?)([^&",}\s]+)/g;

/** Replaces every Slack token in a string with a fixed mask. */
export function redact(text: string): string {
  return text.replace(TOKEN, (t) => `${t.slice(0, 4)}…[redacted]`);
}

/** Redacts tokens and the values of secret-bearing fields (form or JSON), for debug logs. */
export function redactFields(text: string): string {
  return redact(text).replace(SECRET_FIELDS, (_m, key: string) => `${key}[redacted]`);
}
