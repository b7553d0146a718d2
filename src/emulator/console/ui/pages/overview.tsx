import '../styles/overview.css';
import { Await, useJson } from '../components/load.js';
import { Layout } from '../layout.js';
import { useLive } from '../live.js';
import { useLocation } from '../router.js';
import { AppsTable } from './overview/apps-table.js';
import { HowTo } from './overview/how-to.js';
import { People } from './overview/people.js';
import { RequestInspector } from './overview/requests.js';
import type { Overview } from './overview/types.js';

const APP_CHANGES = /^apps\.(?:manifest\.(?:create|update)|hosted\.upload|developerInstall)$/;

/** The emulator at a glance: its teams, users and apps, how to use it, and every Web API call it answers. */
export function OverviewPage() {
  const { search } = useLocation();
  const after = search.get('apps_after') ?? undefined;
  const loaded = useJson<Overview>('overview', { apps_after: after });
  // An app made, changed, deployed or installed is a Web API call: its notice says when to read the apps again.
  useLive('request', (call) => {
    if (call.ok === true && typeof call.method === 'string' && APP_CHANGES.test(call.method)) loaded.reload();
  });
  return (
    <Layout title="Overview">
      <Await loaded={loaded}>
        {(data) => (
          <div class="overview">
            <AppsTable apps={data.apps} moreHref={data.apps_next === null ? null : `/?apps_after=${encodeURIComponent(data.apps_next)}`} />
            <People data={data} />
            <HowTo emulator={data.emulator} />
          </div>
        )}
      </Await>
      <RequestInspector />
    </Layout>
  );
}
