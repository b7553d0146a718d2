import type { SlackApi } from '../api/client.js';
import type { Variable } from './checks.js';
import { setVariable } from './requests.js';

/** How far setting a list of variables got: a failure part-way is a state, and this says which. */
export interface SetAllResult {
  set: string[];
  /** The variable whose call failed, and why; the ones after it were not tried. */
  failed: { name: string; error: unknown } | undefined;
  /** Every name not set: the failed one and those after it. */
  notSet: string[];
}

/**
 * Sets the variables one call each, in order, and stops at the first failure: what failed one
 * call (a revoked token, a rate limit past its retries, the network) would most likely fail
 * the rest. Running it again is safe: a set replaces, so the ones already set stay the same.
 */
export async function setAll(
  api: Pick<SlackApi, 'call'>,
  appId: string,
  variables: readonly Variable[],
  onSet?: (name: string) => void,
): Promise<SetAllResult> {
  const set: string[] = [];
  for (const [i, v] of variables.entries()) {
    try {
      await setVariable(api, appId, v);
    } catch (error) {
      return { set, failed: { name: v.name, error }, notSet: variables.slice(i).map((x) => x.name) };
    }
    set.push(v.name);
    onSet?.(v.name);
  }
  return { set, failed: undefined, notSet: [] };
}
