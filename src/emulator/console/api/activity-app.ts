import { appVariables } from '../../variables/index.js';
import type { EmulatorDeps } from '../../deps.js';
import { ConsoleError } from '../reply.js';
import type { ConsoleRequest, ConsoleRoute } from '../route.js';

/** The app a log page names, with its variable values (to hide them), or a problem saying where apps are listed. */
export function loggedApp(deps: EmulatorDeps, appId: string): { appId: string; variables: Record<string, string> } {
  if (!deps.store.apps.get(appId)) {
    throw new ConsoleError(404, 'app_not_found', `There is no app ${appId} in this emulator.`, {
      hint: 'The overview page lists the deployed apps; `rosi deploy` in an app’s folder deploys one.',
    });
  }
  return { appId, variables: appVariables(deps, appId) };
}

/** What these endpoints use of a console request. */
export type LogRequest = Pick<ConsoleRequest, 'res' | 'url' | 'params' | 'deps'>;

export type LogRoute = ConsoleRoute;
