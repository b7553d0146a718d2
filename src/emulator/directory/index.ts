// What other services use of the directory: whether a user, channel or team exists for a team
// (trigger access checks, posting to channels), and the starting channels of a new team.
export { findChannel, findTeam, findUser } from './lookups.js';
export { SEEDED_CHANNELS, seedChannels } from './channels.js';
export type { ChannelRow } from './channels-store.js';
