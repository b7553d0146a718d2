// What other services use of triggers: the webhook calls waiting for the workflow runner.
import type { EmulatorDeps } from '../deps.js';
import type { TripRow } from './triggers-store.js';

export type { TripRow } from './triggers-store.js';

/** The app's webhook trips not yet taken by the runner, oldest first. */
export function pendingTrips(deps: Pick<EmulatorDeps, 'store'>, appId: string): TripRow[] {
  return deps.store.triggers.trips(appId, 'pending');
}
