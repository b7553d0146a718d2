import { isObject } from '../../lib/is-object.js';
import { findChannel, findUser } from '../directory/index.js';
import type { EmulatorDeps } from '../deps.js';
import { stableId } from '../ids.js';

/*
 * Slack's built-in functions the emulator runs (runtime contract §6.3 item 3). Simplifies: only these four;
 * a workflow step naming any other built-in (or a connector) fails with function_not_supported_by_emulator,
 * never pretends to succeed. Messages go to the emulator's message log (GET /__emulator/messages), not to
 * anyone's Slack.
 */

export interface BuiltinRun {
  deps: EmulatorDeps;
  appId: string;
  teamId: string;
  workflowExecutionId: string;
  functionExecutionId: string;
  inputs: Record<string, unknown>;
  /** Waits by the emulator's clock; rejects when the emulator closes. */
  sleep(ms: number): Promise<void>;
  delayCapMs: number;
}

export type BuiltinOutcome = { outputs: Record<string, unknown> } | { error: string };

interface Builtin {
  title: string;
  run(r: BuiltinRun): Promise<BuiltinOutcome> | BuiltinOutcome;
}

const seconds = (ms: number) => Math.floor(ms / 1000);
const micros = (ms: number) => Math.floor(ms) * 1000;

/** A link to a message, in Slack's shape (`/archives/<channel>/p<ts without the dot>`), on the emulator's host. */
const messageLink = (deps: EmulatorDeps, channel: string, ts: string) => `${deps.origin()}/archives/${channel}/p${ts.replace('.', '')}`;

function post(r: BuiltinRun, channel: string, threadTs: string | null): BuiltinOutcome {
  const started = r.deps.now();
  const message = r.inputs.message;
  const m = r.deps.store.workflows.postMessage(
    {
      channel_id: channel,
      team_id: r.teamId,
      app_id: r.appId,
      thread_ts: threadTs,
      text: typeof message === 'string' ? message : null,
      blocks: typeof message === 'string' ? null : (message ?? null),
      workflow_execution_id: r.workflowExecutionId,
      function_execution_id: r.functionExecutionId,
      posted_at: started,
    },
    micros(started),
  );
  return {
    outputs: {
      message_timestamp: m.ts,
      message_link: messageLink(r.deps, channel, m.ts),
      message_context: { channel_id: channel, message_ts: m.ts },
      timestamp_started: seconds(started),
      timestamp_completed: seconds(r.deps.now()),
    },
  };
}

const BUILTINS: Record<string, Builtin> = {
  send_message: {
    title: 'Send a message to a channel',
    run: (r) => {
      const channel = typeof r.inputs.channel_id === 'string' ? findChannel(r.deps.store, r.teamId, r.inputs.channel_id) : undefined;
      return channel ? post(r, channel.id, null) : { error: 'channel_not_found' };
    },
  },
  send_dm: {
    title: 'Send a message to a person',
    run: (r) => {
      const user = typeof r.inputs.user_id === 'string' ? findUser(r.deps.store, r.teamId, r.inputs.user_id) : undefined;
      // The emulator keeps no DM channels: the person's DM with the app has a stable D… ID of its own.
      return user ? post(r, stableId('D', r.appId, user.id), null) : { error: 'user_not_found' };
    },
  },
  reply_in_thread: {
    title: 'Reply to a message in thread',
    run: (r) => {
      const context = isObject(r.inputs.message_context) ? r.inputs.message_context : {};
      const { channel_id: channel, message_ts: ts } = context;
      if (typeof channel !== 'string' || typeof ts !== 'string') return { error: 'message_not_found' };
      const parent = r.deps.store.workflows.messages(channel).find((m) => m.ts === ts && m.team_id === r.teamId);
      return parent ? post(r, channel, ts) : { error: 'message_not_found' };
    },
  },
  delay: {
    title: 'Delay this workflow',
    run: async (r) => {
      const minutes = r.inputs.minutes_to_delay;
      if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0) return { error: 'invalid_arguments' };
      // Capped: a workflow that waits an hour on Slack waits at most delayCapMs here.
      await r.sleep(Math.min(minutes * 60_000, r.delayCapMs));
      return { outputs: {} };
    },
  },
};

export const BUILTIN_PREFIX = 'slack#/functions/';

/** The built-in's title, for its log entries; the name itself for one the emulator does not run. */
export const builtinTitle = (name: string) => BUILTINS[name]?.title ?? name;

/** The built-in's stable function ID (`Fn…`), the component of its log entries. */
export const builtinFunctionId = (name: string) => stableId('Fn', 'slack', 'function', name);

export async function runBuiltin(name: string, r: BuiltinRun): Promise<BuiltinOutcome> {
  const builtin = BUILTINS[name];
  if (!builtin) {
    return {
      error: `function_not_supported_by_emulator: the emulator does not run ${BUILTIN_PREFIX}${name} (it runs ${Object.keys(BUILTINS).join(', ')})`,
    };
  }
  return builtin.run(r);
}
