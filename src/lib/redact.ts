// Slack tokens (xoxp-, xoxb-, xoxe.xoxp-, xoxe-…) and anything that looks like one.
const TOKEN = /xox[a-z]?(?:\.xox[a-z])?-[A-Za-z0-9-]+/g;
// Fields whose values are secrets in form or JSON bodies, in any case and with _ or -: any
// *token (token, refresh_token, X-Amz-Security-Token), any *secret (client_secret,
// signing_secret), any *signature (X-Amz-Signature), a presigned POST's Policy (it quotes the
// security token), challenge codes, tickets.
const SECRET_NAME = '[a-z_-]*token|[a-z_-]*secret|[a-z_-]*signature|policy|challenge|ticket';
const SECRET_FIELDS = new RegExp(`((?:^|[&"{,\\s])(?:${SECRET_NAME})["]?\\s*[=:]\\s*"?)([^&",}\\s]+)`, 'gi');
// The same names as XML elements, as S3 echoes them in errors (<SignatureProvided>).
const SECRET_ELEMENTS = /<(\w*(?:token|secret|signature)\w*)>[^<]*<\/\1>/gi;

/** Replaces every Slack token in a string with a fixed mask. */
export function redact(text: string): string {
  return text.replace(TOKEN, (t) => `${t.slice(0, 4)}…[redacted]`);
}

/** Redacts tokens and the values of secret-bearing fields (form or JSON), for debug logs. */
export function redactFields(text: string): string {
  return redact(text)
    .replace(SECRET_FIELDS, (_m, key: string) => `${key}[redacted]`)
    .replace(SECRET_ELEMENTS, (_m, name: string) => `<${name}>[redacted]</${name}>`);
}

// Every token shape the platform hands out, whole: Slack's xox…- (xoxe.xoxp-, xoxe- refresh tokens included),
// app-level xapp- and workflow function xwfp- tokens.
const ANY_TOKEN = /(?:xox[a-z]?(?:\.xox[a-z])?|xapp|xwfp)-[A-Za-z0-9-]+/g;
// A field that holds a secret whatever its value looks like: the debug logs' names, plus lists of tokens
// (api_access_tokens), S3 credentials and passwords.
const SECRET_KEY = new RegExp(`^(?:${SECRET_NAME}|[a-z_-]*tokens|[a-z_-]*credential|password)$`, 'i');

/**
 * Replaces every token in a string with `mask`, prefix and all: unlike `redact`, nothing of the token's
 * kind is left (for pages and logs whose readers must not see even a token's start).
 */
export function maskTokens(text: string, mask = '[redacted]'): string {
  return text.replace(ANY_TOKEN, mask);
}

/** Whether a field of this name holds a secret (token, refresh_token, client_secret, X-Amz-Signature, Policy, …). */
export function isSecretName(name: string): boolean {
  return SECRET_KEY.test(name);
}
