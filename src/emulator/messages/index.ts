// What other services use of the message log: posting a message (the one way one is recorded), finding one,
// reacting to one, and a message's link.
export { addReaction, findMessage, messageLink, recordMessage, type NewMessage, type ReactionOutcome } from './messages.js';
export type { MessageRow, Reaction } from './messages-store.js';
