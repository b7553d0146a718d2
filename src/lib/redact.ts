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
