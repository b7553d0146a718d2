// What other services use of the directory: whether a user, channel or team exists for a team
// (trigger access checks, posting to channels), the starting channels of a new team, making a channel
// (the create_channel built-in) and adding people to user groups (add_user_to_usergroup).
export { findChannel, findTeam, findUser } from './lookups.js';
export { createChannel, SEEDED_CHANNELS, seedChannels } from './channels.js';
export { addToUsergroup, findUsergroup } from './usergroups.js';
export type { ChannelRow } from './channels-store.js';
export type { UsergroupRow } from './usergroups-store.js';
// A logged message as conversations.history answers it, and which messages it lists (the console reads them so too).
export { isTopLevel, messageObject, type LoggedMessage } from './message-objects.js';
