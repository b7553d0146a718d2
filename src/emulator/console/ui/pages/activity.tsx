import { Layout } from '../layout.js';

export function ActivityPage({ appId }: { appId: string }) {
  return (
    <Layout title="Activity" appId={appId}>
      <p class="muted">Not built yet.</p>
    </Layout>
  );
}
