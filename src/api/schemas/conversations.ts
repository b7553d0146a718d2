import * as z from 'zod/mini';
import { ResponseMetadata } from './envelope.js';

/*
 * `conversations.list`, `conversations.history` and `conversations.replies`, as Slack documents them: GET with
 * a Bearer token, cursor paging through `response_metadata.next_cursor`. rosi reads them from the emulator
 * (`rosi emulator messages`); the answers are loose, so a field Slack adds breaks nothing.
 */

const text = z.optional(z.string());
// A query string carries every value as text, so whoever reads one (the emulator, the tests) parses the numbers back.
const integer = z.optional(z.coerce.number().check(z.int()));
const flag = z.optional(z.coerce.boolean());

export const ConversationsListRequest = z.strictObject({ types: text, exclude_archived: flag, limit: integer, cursor: text, team_id: text });

export const Conversation = z.looseObject({ id: z.string(), name: text, is_private: z.optional(z.boolean()) });
export const ConversationsListResponse = z.looseObject({ channels: z.array(Conversation), response_metadata: z.optional(ResponseMetadata) });

export const ConversationsHistoryRequest = z.strictObject({
  channel: z.string().check(z.minLength(1)),
  limit: integer,
  cursor: text,
  oldest: text,
  latest: text,
  inclusive: flag,
});

export const ConversationsRepliesRequest = z.strictObject({
  channel: z.string().check(z.minLength(1)),
  ts: z.string().check(z.minLength(1)),
  limit: integer,
  cursor: text,
  oldest: text,
  latest: text,
  inclusive: flag,
});

/**
 * A message as Slack answers it. `emulator` is not Slack's: the emulator adds it to say which workflow execution
 * (`Wx…`), workflow and function execution (`Fx…`) posted the message.
 */
export const Message = z.looseObject({
  type: text,
  ts: z.string(),
  text,
  blocks: z.optional(z.unknown()),
  thread_ts: text,
  reply_count: z.optional(z.number()),
  user: text,
  bot_id: text,
  app_id: text,
  emulator: z.optional(z.looseObject({ workflow_execution_id: text, workflow: text, function_execution_id: text })),
});
export type Message = z.infer<typeof Message>;

export const ConversationsMessagesResponse = z.looseObject({
  messages: z.array(Message),
  has_more: z.optional(z.boolean()),
  response_metadata: z.optional(ResponseMetadata),
});
