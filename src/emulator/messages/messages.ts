import type { EmulatorDeps } from '../deps.js';
import { findChannel, findUser } from '../directory/index.js';
import { appBotUserId, appDmChannelId } from '../ids.js';
import type { MessageRow } from './messages-store.js';

/*
 * The one message log: every message an app posts (a built-in step, or chat.postMessage), and a person's posted
 * through the control endpoint, is recorded by
 * recordMessage and nothing else, so whatever follows a post (a reaction, a thread, an event) has one place
 * to look and one place to hook.
 */

/** What a post says and where from; the log gives it its `ts`. */
export interface NewMessage {
  teamId: string;
  /** The app that posts it; null for a person's message (a message_posted event sent through the control endpoint). */
  appId: string | null;
  /** The person who posts it; left out for an app's (its bot user posts it). */
  userId?: string | undefined;
  channelId: string;
  threadTs: string | null;
  text: string | null;
  blocks: unknown;
  /** The execution that posted it, when it came from one (a step, or a call with an execution token). */
  workflowExecutionId: string | null;
  functionExecutionId: string | null;
}

/** Records a message at a fresh, increasing `ts` (unique across the log). */
export function recordMessage(deps: Pick<EmulatorDeps, 'store' | 'now'>, m: NewMessage): MessageRow {
  const now = deps.now();
  return deps.store.messages.insert(
    {
      channel_id: m.channelId,
      team_id: m.teamId,
      app_id: m.appId,
      user_id: m.userId ?? null,
      thread_ts: m.threadTs,
      text: m.text,
      blocks: m.blocks ?? null,
      workflow_execution_id: m.workflowExecutionId,
      function_execution_id: m.functionExecutionId,
      posted_at: now,
    },
    Math.floor(now) * 1000,
  );
}

/** The message at `ts` in the channel, if it is the team's (another team's is not found, as one that does not exist). */
export function findMessage(deps: Pick<EmulatorDeps, 'store'>, teamId: string, channelId: string, ts: string): MessageRow | undefined {
  const m = deps.store.messages.get(channelId, ts);
  return m?.team_id === teamId ? m : undefined;
}

/** A link to a message, in Slack's shape (`/archives/<channel>/p<ts without the dot>`), on the emulator's host. */
export const messageLink = (deps: Pick<EmulatorDeps, 'origin'>, channelId: string, ts: string) =>
  `${deps.origin()}/archives/${channelId}/p${ts.replace('.', '')}`;

/**
 * Where an app's post goes, from what names it: a channel of the team (`C…`), a person of the team (`U…`/`W…`:
 * their DM with the app, as send_dm posts), or that DM's own `D…`. Undefined when the team has no such place.
 */
export function postTarget(deps: Pick<EmulatorDeps, 'store'>, teamId: string, appId: string, id: string): string | undefined {
  if (findChannel(deps.store, teamId, id)) return id;
  const user = findUser(deps.store, teamId, id);
  if (user) return appDmChannelId(appId, user.id);
  if (id.startsWith('D')) {
    // A DM the app has (it has posted there): the emulator keeps no DM channels, only their messages.
    const first = deps.store.messages.inChannel(id)[0];
    if (first?.team_id === teamId && first.app_id === appId) return id;
  }
  return undefined;
}

export type ReactionOutcome = 'ok' | 'message_not_found' | 'already_reacted';

/** The app's bot reacts to a message of its team with `name`, once per name (Slack's already_reacted after that). */
export function addReaction(
  deps: Pick<EmulatorDeps, 'store' | 'now'>,
  r: { teamId: string; appId: string; channelId: string; ts: string; name: string },
): ReactionOutcome {
  if (!findMessage(deps, r.teamId, r.channelId, r.ts)) return 'message_not_found';
  return deps.store.messages.addReaction(r.channelId, r.ts, r.name, appBotUserId(r.appId), deps.now()) ? 'ok' : 'already_reacted';
}
