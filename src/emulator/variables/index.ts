// What other services use of hosted variables: an app's values, for the functions' context
// (runtime contract §2.3). Read at each execution, so a new value needs no redeploy.
import type { EmulatorDeps } from '../deps.js';

export function appVariables(deps: Pick<EmulatorDeps, 'store'>, appId: string): Record<string, string> {
  return deps.store.variables.values(appId);
}

/** The app's variable names, in code-unit order, as apps.hosted.variables.list answers them; never a value. */
export function appVariableNames(deps: Pick<EmulatorDeps, 'store'>, appId: string): string[] {
  return deps.store.variables.names(appId);
}
