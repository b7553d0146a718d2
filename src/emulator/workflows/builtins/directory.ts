import { addToUsergroup, createChannel } from '../../directory/index.js';
import { specs, type Builtin, type BuiltinOutcome, type BuiltinRun } from './builtin.js';

/* The built-ins that change the workspace's directory: a new channel, a person added to a user group. */

function createChannelStep(r: BuiltinRun): BuiltinOutcome {
  // The emulator keeps no bot users, and a channel's creator is a person: an app's channels are its owner's, as its triggers are.
  const creator = r.deps.store.apps.get(r.appId)?.owner_id;
  if (!creator) return { error: 'invalid_auth' };
  const made = createChannel(r.deps.store.channels, {
    teamId: r.teamId,
    name: String(r.inputs.channel_name),
    isPrivate: r.inputs.is_private === true,
    creator,
    now: r.deps.now(),
  });
  return 'error' in made ? made : { outputs: { channel_id: made.channel.id } };
}

function addUserToUsergroup(r: BuiltinRun): BuiltinOutcome {
  const usergroupId = String(r.inputs.usergroup_id);
  const outcome = addToUsergroup(r.deps.store, { teamId: r.teamId, usergroupId, userId: String(r.inputs.user_id), now: r.deps.now() });
  return outcome === 'ok' ? { outputs: { usergroup_id: usergroupId } } : { error: outcome };
}

export const directoryBuiltins: Record<string, Builtin> = {
  create_channel: {
    title: 'Create a channel',
    inputs: specs({ channel_name: 'string', is_private: 'boolean' }, ['channel_name']),
    run: createChannelStep,
  },
  add_user_to_usergroup: {
    title: 'Add to user group',
    inputs: specs({ usergroup_id: 'slack#/types/usergroup_id', user_id: 'slack#/types/user_id' }, ['usergroup_id', 'user_id']),
    run: addUserToUsergroup,
  },
};
