import { Layout } from '../layout.js';

export function AppPage({ appId }: { appId: string }) {
  return (
    <Layout title={appId} appId={appId}>
      <p class="muted">Not built yet.</p>
    </Layout>
  );
}
