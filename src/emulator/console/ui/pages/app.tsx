import '../styles/app.css';
import { Await, useJson } from '../components/load.js';
import { Layout } from '../layout.js';
import { useLive } from '../live.js';
import { paths } from '../router.js';
import { Datastores } from './app/datastores.js';
import { Deployments } from './app/deployments.js';
import { Executions } from './app/executions.js';
import { Facts, ManifestView } from './app/facts.js';
import { Triggers } from './app/triggers.js';
import type { AppView } from './app/types.js';
import { Variables } from './app/variables.js';

/** `/apps/<id>`: what the app is, its deployments, datastores, triggers, variable names and recent executions. */
export function AppPage({ appId }: { appId: string }) {
  const loaded = useJson<AppView>(`apps/${encodeURIComponent(appId)}`);
  // New executions and changed item counts come as notices; the page reads itself again.
  useLive('activity', (n) => n.app_id === appId && loaded.reload());
  useLive('items', (n) => n.app_id === appId && loaded.reload());
  const title = loaded.state === 'ok' ? loaded.data.app.name : loaded.state === 'failed' && loaded.problem.status === 404 ? 'No such app' : appId;
  return (
    <Layout title={title} appId={appId} crumbs={[{ label: 'Overview', href: paths.overview() }, { label: appId }]}>
      <Await loaded={loaded}>
        {(view) => (
          <div class="app-page">
            <Facts view={view} />
            <ManifestView manifest={view.manifest} />
            <Executions appId={appId} executions={view.executions} />
            <Triggers appId={appId} teamId={view.app.team.id} triggers={view.triggers} />
            <Datastores appId={appId} datastores={view.datastores} />
            <Deployments appId={appId} deployments={view.deployments} />
            <Variables appId={appId} teamId={view.app.team.id} names={view.variable_names} />
          </div>
        )}
      </Await>
    </Layout>
  );
}
