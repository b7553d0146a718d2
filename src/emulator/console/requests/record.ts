import { maskTokens } from '../../../lib/redact.js';
import type { EmulatorDeps } from '../../deps.js';
import type { ConsoleState } from '../state.js';
import { callerOf } from './caller.js';
import { summaryOf } from './request-log.js';
import { safeCopy } from './safe-copy.js';
import { secretsOf } from './secret-rules.js';

/** The most of a call's params, and of its answer, the inspector keeps (about, in bytes of JSON). */
export const PART_BUDGET = 4 * 1024;

/** What the server knows of a Web API call once it has answered. */
export interface ApiCallFacts {
  method: string;
  /** When it came in (the emulator's clock, ms). */
  at: number;
  duration_ms: number;
  /** The parsed params (query and body); undefined when the call failed before they were read. */
  params: Record<string, unknown> | undefined;
  /** The access token it carried, only to name the caller: it is never kept. */
  token: string | undefined;
  answer: Record<string, unknown>;
  status: number;
}

/**
 * Keeps a Web API call for the request inspector and tells open pages (`request` on the live channel). Called
 * after the answer went out, so it adds nothing to the call's time; whatever goes wrong here is reported and
 * swallowed, because the inspector must never break the call it watches.
 */
export function recordApiCall(
  state: ConsoleState,
  deps: Pick<EmulatorDeps, 'store' | 'now'>,
  call: ApiCallFacts,
  onError?: (message: string, error: unknown) => void,
): void {
  try {
    const secrets = secretsOf(call.method);
    const params = safeCopy(call.params ?? {}, PART_BUDGET, secrets.params);
    const answer = safeCopy(call.answer, PART_BUDGET, secrets.answer);
    const ok = call.answer.ok === true;
    const kept = state.requests.add({
      at: call.at,
      // The path's method name is whatever the client put there.
      method: maskTokens(call.method.slice(0, 200)),
      caller: callerOf(call.token, deps),
      status: call.status,
      ok,
      ...(ok ? {} : { error: String(call.answer.error) }),
      duration_ms: Math.round(call.duration_ms * 10) / 10,
      params: params.value,
      answer: answer.value,
      truncated: params.truncated || answer.truncated,
      bytes: params.bytes + answer.bytes + 256,
    });
    state.live.publish('request', summaryOf(kept));
  } catch (e) {
    onError?.(`The console's request inspector could not record the ${call.method} call: ${e instanceof Error ? e.message : String(e)}`, e);
  }
}
