import { isEmulatorHost } from '../auth/host.js';

/**
 * The page where a person sees a deployed app. `rosi emulator` serves one in its console at
 * `<host>/apps/<id>`. Slack's API host (https://slack.com) serves no such page: an app's
 * settings live on the api. subdomain of it (https://api.slack.com/apps/<id>), which is also
 * where GovSlack's are (https://api.slack-gov.com/apps/<id>).
 */
export function dashboardUrl(apiHost: string, appId: string): string {
  const id = encodeURIComponent(appId);
  if (isEmulatorHost(apiHost)) return `${apiHost}/apps/${id}`;
  const url = new URL(apiHost);
  if (!url.hostname.startsWith('api.')) url.hostname = `api.${url.hostname}`;
  return `${url.origin}/apps/${id}`;
}
