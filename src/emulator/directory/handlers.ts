import { authenticateForApp } from '../apps/index.js';
import type { EmulatorDeps } from '../deps.js';
import { MethodError } from '../errors.js';
import { stringParam, type Family, type ParsedRequest } from '../http/index.js';
import { callerTeam } from './caller.js';
import { listMethods } from './conversations-list.js';
import { historyMethods } from './history.js';
import { findChannel, findTeam, findUser } from './lookups.js';
import { channelObject, teamObject, userObject } from './wire-objects.js';

/*
 * The methods the official CLI prints a trigger with (runtime contract §1.9, §6.1.7): who an
 * entity is, and who works on the app. Each answers only from the caller's own team.
 */

function required(req: ParsedRequest, name: string): string {
  const value = stringParam(req, name);
  if (value === undefined) throw new MethodError('invalid_arguments');
  return value;
}

function usersInfo(req: ParsedRequest, deps: EmulatorDeps) {
  const teamId = callerTeam(req, deps, 'users:read');
  const user = findUser(deps.store, teamId, required(req, 'user'));
  if (!user) throw new MethodError('user_not_found');
  return { user: userObject(user) };
}

function conversationsInfo(req: ParsedRequest, deps: EmulatorDeps) {
  const teamId = callerTeam(req, deps, 'channels:read');
  const channel = findChannel(deps.store, teamId, required(req, 'channel'));
  if (!channel) throw new MethodError('channel_not_found');
  return { channel: channelObject(channel) };
}

/** `team` is optional: without it, the caller's own team. Other teams are not found. */
function teamInfo(req: ParsedRequest, deps: EmulatorDeps) {
  const teamId = callerTeam(req, deps, 'team:read');
  const asked = stringParam(req, 'team') ?? teamId;
  const team = asked === teamId ? findTeam(deps.store, asked) : undefined;
  if (!team) throw new MethodError('team_not_found');
  return { team: teamObject(team) };
}

/** The app's owner and collaborators, for a caller who may manage the app (invalid_app_id otherwise, as every app method). */
function ownersList(req: ParsedRequest, deps: EmulatorDeps) {
  const { app } = authenticateForApp(req, deps);
  const owners = deps.store.apps.collaborators(app.id).map((c) => ({
    user_id: c.user_id,
    username: deps.store.user(c.user_id)?.name ?? c.user_id,
    permission_type: c.role,
  }));
  return { owners };
}

export const directoryFamily: Family = {
  'users.info': usersInfo,
  'conversations.info': conversationsInfo,
  'team.info': teamInfo,
  'developer.apps.owners.list': ownersList,
  ...listMethods,
  ...historyMethods,
};
