import { isSecretName, maskTokens } from '../../../lib/redact.js';
import { RawJson } from '../../http/index.js';
import { withoutWebhookSecrets } from '../../triggers/index.js';

/** What a secret's value becomes. */
export const REDACTED = '[redacted]';
/** What ends a value cut short; the rest of it is not kept. */
export const TRUNCATED = '…[truncated]';

/** The longest string kept whole; a longer one is cut there (a base64 file, a long message). */
const MAX_STRING = 1024;
/** Deeper than this, a value is cut: recording walks it, and a crafted body may nest thousands deep. */
const MAX_DEPTH = 16;

/** Whether the value at `path` (field names and array indexes, outermost first) is a secret, whatever its name. */
export type SecretAt = (path: readonly string[], value: unknown) => boolean;

export interface SafeCopy {
  value: unknown;
  /** About how many bytes the copy takes as JSON: what it costs to keep. */
  bytes: number;
  truncated: boolean;
}

/**
 * A copy of a call's params or answer that is safe to keep and show: secrets replaced by REDACTED (fields
 * named as secrets, values shaped as tokens, webhook URLs' secrets, and whatever `secretAt` says), and at most
 * about `budget` bytes of it, cut with TRUNCATED. The walk stops where the budget ends, so a 50 MB body costs
 * what its first few KB cost: nothing is serialised whole.
 */
export function safeCopy(value: unknown, budget: number, secretAt: SecretAt = () => false): SafeCopy {
  const state = { left: budget, truncated: false };
  const path: string[] = [];

  const text = (s: string): string => {
    let kept = s.length > MAX_STRING ? s.slice(0, MAX_STRING) : s;
    if (kept.length + 2 > state.left) kept = kept.slice(0, Math.max(0, state.left - 2));
    const cut = kept.length < s.length;
    state.left -= kept.length + 2;
    if (cut) state.truncated = true;
    const safe = maskTokens(withoutWebhookSecrets(kept));
    return cut ? safe + TRUNCATED : safe;
  };

  const copy = (v: unknown, depth: number): unknown => {
    if (secretAt(path, v)) {
      state.left -= REDACTED.length + 2;
      return REDACTED;
    }
    if (typeof v === 'string') return text(v);
    if (v instanceof RawJson) {
      // An answer's value sent as the JSON it already was (a query page's items): read only as far as the budget goes.
      const { value: shown, cut } = v.preview(Math.max(0, state.left));
      const copied = copy(shown, depth);
      if (!cut) return copied;
      state.truncated = true;
      return Array.isArray(copied) ? [...copied, `${TRUNCATED} more`] : TRUNCATED;
    }
    if (v === null || typeof v === 'number' || typeof v === 'boolean') {
      state.left -= String(v).length;
      return v;
    }
    if (typeof v !== 'object') return text(String(v));
    if (depth >= MAX_DEPTH) {
      state.truncated = true;
      state.left -= TRUNCATED.length + 2;
      return TRUNCATED;
    }
    state.left -= 2;
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      for (let i = 0; i < v.length; i++) {
        if (state.left <= 0) {
          state.truncated = true;
          out.push(`${TRUNCATED} ${v.length - i} more`);
          break;
        }
        path.push(String(i));
        out.push(copy(v[i], depth + 1));
        path.pop();
      }
      return out;
    }
    // No prototype: a body's own "__proto__" key is copied as a field like any other.
    const out = Object.create(null) as Record<string, unknown>;
    // for…in, not Object.keys: a huge object is walked only as far as the budget goes.
    for (const key in v) {
      if (!Object.hasOwn(v, key)) continue;
      if (state.left <= 0) {
        state.truncated = true;
        out['…'] = TRUNCATED;
        break;
      }
      state.left -= key.length + 4;
      const field = (v as Record<string, unknown>)[key];
      if (isSecretName(key) && field !== null && field !== undefined && field !== '') {
        state.left -= REDACTED.length + 2;
        out[maskTokens(key)] = REDACTED;
        continue;
      }
      path.push(key);
      out[maskTokens(key)] = copy(field, depth + 1);
      path.pop();
    }
    return out;
  };

  const out = copy(value, 0);
  return { value: out, bytes: Math.max(0, budget - state.left), truncated: state.truncated };
}
