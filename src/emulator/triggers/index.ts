// What other services use of triggers: the webhook calls waiting for the workflow runner, a trigger and
// the workflow it starts (with the workflow's stable IDs).
import type { EmulatorDeps } from '../deps.js';
import type { TriggerRow, TripRow } from './triggers-store.js';

export type { TriggerRow, TripRow } from './triggers-store.js';
export { triggerWorkflow, workflowIds } from './trigger-object.js';
export { tripData } from './trip-data.js';
// A webhook URL's secret is a credential: what shows other people's requests takes it out first.
export { withoutWebhookSecrets } from './webhook-secrets.js';
// Firing a trigger on request (emulator.triggers.run, the console), and a webhook's URL as it may be shown.
export { fireTrigger } from './run.js';
export { loggablePath } from './webhook.js';
export { webhookUrl } from './trigger-object.js';

/** The app's webhook trips not yet taken by the runner, oldest first. */
export function pendingTrips(deps: Pick<EmulatorDeps, 'store'>, appId: string): TripRow[] {
  return deps.store.triggers.trips(appId, 'pending');
}

/** Every app's webhook trips not yet taken, oldest first. */
export function allPendingTrips(deps: Pick<EmulatorDeps, 'store'>): TripRow[] {
  return deps.store.triggers.allPendingTrips();
}

/** The trigger with this ID (any app's: the caller decides who may see it). */
export function findTrigger(deps: Pick<EmulatorDeps, 'store'>, id: string): TriggerRow | undefined {
  return deps.store.triggers.get(id);
}

/** Every app's scheduled triggers, oldest first: what the workflow engine's scheduler fires. */
export function scheduledTriggers(deps: Pick<EmulatorDeps, 'store'>): TriggerRow[] {
  return deps.store.triggers.allOfType('scheduled');
}

/** Every app's event triggers, oldest first: what the workflow engine matches an event against. */
export function eventTriggers(deps: Pick<EmulatorDeps, 'store'>): TriggerRow[] {
  return deps.store.triggers.allOfType('event');
}
