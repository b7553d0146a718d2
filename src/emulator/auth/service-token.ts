import type { EmulatorDeps } from '../deps.js';
import { newServiceToken } from '../ids.js';

/** A user token that never expires (a `--no-rotation` login's, a CI token's), recorded by its hash like every token. */
export function issueServiceToken(deps: EmulatorDeps, teamId: string, userId: string): string {
  const token = newServiceToken();
  deps.store.insertToken(token, { team_id: teamId, user_id: userId, issued_at: deps.now(), kind: 'service', expires_at: null });
  return token;
}
