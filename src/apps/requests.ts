import type { SlackApi } from '../api/client.js';
import type { ResponseOf } from '../api/methods.js';

/** Whose token this is: its team, user and workspace, as `auth.test` tells. */
export type TokenOwner = ResponseOf<'auth.test'>;

export function tokenOwner(api: Pick<SlackApi, 'call'>): Promise<TokenOwner> {
  return api.call('auth.test', {});
}

/** Whether the token's team knows the app: `apps.status` leaves out the apps it does not. */
export async function teamHasApp(api: Pick<SlackApi, 'call'>, appId: string): Promise<boolean> {
  const status = await api.call('apps.status', { app_ids: [appId] });
  return status.apps.some((a) => a.app_id === appId);
}
