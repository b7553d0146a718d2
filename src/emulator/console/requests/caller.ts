import { appName } from '../../apps/index.js';
import { tokenOwner } from '../../auth/index.js';
import type { EmulatorDeps } from '../../deps.js';

/** Who made a call, as the inspector shows it: never the token, only whom it speaks for. */
export interface Caller {
  kind: 'user' | 'bot' | 'execution' | 'none' | 'invalid';
  /** `user U… (name)`, `app A… bot`, `function execution Fx… of A…`, `no token`, `invalid token`. */
  label: string;
  team_id?: string;
  user_id?: string;
  app_id?: string;
  function_execution_id?: string;
}

/** Names the caller of a call made with `token`, through the auth service's own lookup. */
export function callerOf(token: string | undefined, deps: Pick<EmulatorDeps, 'store' | 'now'>): Caller {
  const owner = tokenOwner(token, deps);
  switch (owner.kind) {
    case 'none':
      return { kind: 'none', label: 'no token' };
    case 'unknown':
      return { kind: 'invalid', label: 'invalid token' };
    case 'user': {
      const name = owner.user_name === undefined ? '' : ` (${owner.user_name})`;
      const ended = owner.ended === undefined ? '' : `, ${owner.ended} token`;
      return { kind: 'user', label: `user ${owner.user_id}${name}${ended}`, team_id: owner.team_id, user_id: owner.user_id };
    }
    case 'bot': {
      const name = appName(deps.store.apps.get(owner.app_id)?.manifest ?? {});
      return { kind: 'bot', label: `app ${owner.app_id} bot${name === undefined ? '' : ` (${name})`}`, team_id: owner.team_id, app_id: owner.app_id };
    }
    case 'execution':
      return {
        kind: 'execution',
        label: `function execution ${owner.function_execution_id} of ${owner.app_id}${owner.ended === undefined ? '' : ', revoked token'}`,
        team_id: owner.team_id,
        app_id: owner.app_id,
        function_execution_id: owner.function_execution_id,
      };
  }
}
