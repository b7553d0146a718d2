import type { EmulatorDeps } from '../../deps.js';
import { findTeam } from '../../directory/index.js';
import { ConsoleError, sendConsoleJson } from '../reply.js';
import type { ConsoleRoute } from '../route.js';
import { messagesPage } from './messages-read.js';

/** A page of messages: 50 top-level ones unless asked, at most 200. */
const LIMIT = { fallback: 50, max: 200 };

/** The messages page's endpoints: the team's channels with their message counts, and a channel's messages, paged. */
export const MESSAGES_ROUTES: readonly ConsoleRoute[] = [
  {
    method: 'GET',
    path: /^messages\/channels$/,
    handle({ res, url, deps }) {
      const team = teamOf(url, deps);
      const counts = deps.store.messages.countsByChannel(team.id);
      const channels = deps.store.channels.ofTeam(team.id).map((c) => ({ id: c.id, name: c.name, is_private: c.is_private, messages: counts.get(c.id) ?? 0 }));
      // Direct messages have no channel of their own in the emulator: one is there once something was sent to it.
      const known = new Set(channels.map((c) => c.id));
      const dms = [...counts].filter(([id]) => !known.has(id) && id.startsWith('D')).map(([id, messages]) => ({ id, name: null, is_private: true, messages }));
      sendConsoleJson(res, 200, { team, channels: [...channels, ...dms] });
    },
  },
  {
    method: 'GET',
    path: /^messages$/,
    handle({ res, url, deps }) {
      const team = teamOf(url, deps);
      const channel = url.searchParams.get('channel') ?? '';
      if (channel === '') {
        throw new ConsoleError(400, 'channel_needed', 'Say which channel: ?channel=<channel ID>.', {
          hint: 'GET /__console/api/messages/channels lists the team’s channels.',
        });
      }
      const before = url.searchParams.get('before') ?? undefined;
      sendConsoleJson(res, 200, messagesPage(deps, team.id, channel, before === '' ? undefined : before, limitOf(url)));
    },
  },
];

/** The team asked for with ?team_id=, or the emulator's own. */
function teamOf(url: URL, deps: EmulatorDeps): { id: string; name: string } {
  const id = url.searchParams.get('team_id') || deps.team.id;
  const team = findTeam(deps.store, id);
  if (!team)
    throw new ConsoleError(404, 'team_not_found', `The emulator has no team ${id}.`, {
      hint: `Leave team_id out for the emulator’s own team (${deps.team.id}).`,
    });
  return { id: team.id, name: team.name };
}

function limitOf(url: URL): number {
  const given = url.searchParams.get('limit');
  if (given === null || given === '') return LIMIT.fallback;
  const n = Number(given);
  if (!Number.isInteger(n) || n < 1 || n > LIMIT.max) {
    throw new ConsoleError(400, 'invalid_limit', `limit=${given} is not a whole number from 1 to ${LIMIT.max}.`, {
      hint: `Leave it out for ${LIMIT.fallback}.`,
    });
  }
  return n;
}
