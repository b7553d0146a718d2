import type { EmulatorClient } from './client.js';
import type { Message } from './public-api.js';

interface WireMessage {
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown[];
  app_id?: string;
  user_id?: string;
  workflow_execution_id?: string;
  posted_at: string;
}

/** What was posted in `channel`, or in every channel of the team (oldest first within a channel, channels in order). */
export async function messagesIn(client: EmulatorClient, channel?: string): Promise<Message[]> {
  const channels = channel !== undefined ? [channel] : ((await client.control('channels')).channels as { id: string }[]).map((c) => c.id);
  const lists = await Promise.all(
    channels.map(async (id) => ((await client.control(`messages?channel=${encodeURIComponent(id)}`)).messages as WireMessage[]).map((m) => messageOf(id, m))),
  );
  return lists.flat().sort((a, b) => (a.postedAt === b.postedAt ? a.ts.localeCompare(b.ts) : a.postedAt.localeCompare(b.postedAt)));
}

export async function messagesOfExecution(client: EmulatorClient, workflowExecutionId: string): Promise<Message[]> {
  return (await messagesIn(client)).filter((m) => m.workflowExecutionId === workflowExecutionId);
}

function messageOf(channel: string, m: WireMessage): Message {
  return {
    channel,
    ts: m.ts,
    ...(m.text === undefined ? {} : { text: m.text }),
    ...(m.blocks === undefined ? {} : { blocks: m.blocks }),
    ...(m.thread_ts === undefined ? {} : { threadTs: m.thread_ts }),
    ...(m.app_id === undefined ? {} : { appId: m.app_id }),
    ...(m.user_id === undefined ? {} : { userId: m.user_id }),
    ...(m.workflow_execution_id === undefined ? {} : { workflowExecutionId: m.workflow_execution_id }),
    postedAt: m.posted_at,
  };
}
