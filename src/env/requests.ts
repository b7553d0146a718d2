import type { SlackApi } from '../api/client.js';
import { byCodeUnit } from '../lib/compare.js';
import type { Variable } from './checks.js';

type Api = Pick<SlackApi, 'call'>;

/** The names of the app's hosted variables, sorted; Slack never sends values back. */
export async function listVariableNames(api: Api, appId: string): Promise<string[]> {
  const r = await api.call('apps.hosted.variables.list', { app_id: appId });
  return [...(r.variable_names ?? [])].sort(byCodeUnit);
}

/** Sets one variable, replacing its value if it exists: one pair per call, as the official CLI sends it. */
export async function setVariable(api: Api, appId: string, v: Variable): Promise<void> {
  await api.call('apps.hosted.variables.add', { app_id: appId, variables: [{ name: v.name, value: v.value }] });
}

/** Removes the named variables in one call; a name the app does not have is no error. */
export async function unsetVariables(api: Api, appId: string, names: readonly string[]): Promise<void> {
  await api.call('apps.hosted.variables.remove', { app_id: appId, variable_names: [...names] });
}
