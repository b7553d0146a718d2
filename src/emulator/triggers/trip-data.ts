import type { EmulatorDeps } from '../deps.js';
import { newAppSecret, newInteractivityPointer } from '../ids.js';
import type { TriggerRow } from './triggers-store.js';

/**
 * The data of a trip started on request (`emulator.triggers.run`, `POST /__emulator/triggers/fire`), where on
 * Slack a person or the scheduler would have supplied it: a link trigger's click (below), a scheduled trigger's
 * creator (runtime contract §1.5, as a run by the clock has it). Anything in `given` overrides what is filled in;
 * a webhook's or an event's data is `given` alone.
 */
export function tripData(deps: Pick<EmulatorDeps, 'store' | 'user'>, trigger: TriggerRow, given: Record<string, unknown>): Record<string, unknown> {
  if (trigger.type === 'shortcut') return linkTripData(deps, trigger.team_id, given);
  if (trigger.type === 'scheduled') return { user_id: trigger.created_by, ...given };
  return given;
}

/**
 * What a link trigger's trip carries when someone clicks it in Slack (runtime contract §6.2 item 2): who, where,
 * and an `interactivity` object with a fresh pointer. The emulator has no one to click: the defaults are the
 * emulator's developer and the team's first channel, and anything in the request's `data` overrides them.
 */
function linkTripData(deps: Pick<EmulatorDeps, 'store' | 'user'>, teamId: string, given: Record<string, unknown>): Record<string, unknown> {
  const userId = typeof given.user_id === 'string' ? given.user_id : deps.user.id;
  const channelId = deps.store.channels.ofTeam(teamId)[0]?.id ?? '';
  return {
    user_id: userId,
    channel_id: channelId,
    interactivity: {
      interactivity_pointer: newInteractivityPointer(),
      interactor: { id: userId, secret: newAppSecret() },
    },
    ...given,
  };
}
