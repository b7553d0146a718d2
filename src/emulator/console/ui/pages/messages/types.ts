// What the messages endpoints answer (console/api/messages.ts on the server).

export interface ChannelEntry {
  id: string;
  name: string | null;
  is_private: boolean;
  messages: number;
}

export interface ChannelsAnswer {
  team: { id: string; name: string };
  channels: ChannelEntry[];
}

export interface ShownMessage {
  ts: string;
  text: string;
  blocks?: unknown[];
  app_id?: string;
  user?: string;
  thread_ts?: string;
  reply_count?: number;
  emulator: { workflow_execution_id: string | null; workflow?: string; function_execution_id: string | null };
  posted_at: number;
  trace_id: string | null;
  app_name: string | null;
}

export interface MessagesAnswer {
  channel: { id: string; name: string | null };
  messages: (ShownMessage & { replies: ShownMessage[] })[];
  next_before: string | null;
}
