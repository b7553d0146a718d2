import type { AppRow } from '../apps/index.js';
import type { EmulatorDeps } from '../deps.js';
import { MethodError } from '../errors.js';
import type { TriggerCaller } from './caller.js';
import type { TriggerRow } from './triggers-store.js';

/**
 * The trigger with this ID, for a caller who may manage its app. Unknown, or another app's the caller
 * cannot manage (another team's included): the same trigger_not_found, so IDs cannot be probed.
 */
export function manageableTrigger(caller: TriggerCaller, id: string, deps: EmulatorDeps): { trigger: TriggerRow; app: AppRow } {
  const trigger = deps.store.triggers.get(id);
  const app = trigger && deps.store.apps.get(trigger.app_id);
  if (!trigger || !app || !caller.mayManage(app)) throw new MethodError('trigger_not_found');
  return { trigger, app };
}
