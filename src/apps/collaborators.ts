import type { SlackApi } from '../api/client.js';

/** The user IDs of the app's collaborators (`developer.apps.owners.list`), in Slack's order, each once. */
export async function appCollaborators(api: Pick<SlackApi, 'call'>, appId: string): Promise<string[]> {
  const { owners } = await api.call('developer.apps.owners.list', { app_id: appId });
  return [...new Set(owners.map((o) => o.user_id).filter((id) => id !== ''))];
}
