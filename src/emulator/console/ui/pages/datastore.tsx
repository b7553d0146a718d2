import { Layout } from '../layout.js';

export function DatastorePage({ appId, datastore }: { appId: string; datastore: string }) {
  return (
    <Layout title={datastore} appId={appId}>
      <p class="muted">Not built yet.</p>
    </Layout>
  );
}
