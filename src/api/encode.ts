/** Form body with keys sorted, objects as JSON strings (Slack's form convention). */
export function encodeForm(params: Record<string, unknown>): string {
  const form = new URLSearchParams();
  for (const key of Object.keys(params).sort()) {
    const value = params[key];
    if (value === undefined) continue;
    form.append(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return form.toString();
}

/** Query string in the caller's key order, values escaped (unlike the official CLI). */
export function encodeQuery(params: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    q.append(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return q.toString();
}
