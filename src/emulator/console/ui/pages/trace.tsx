import { Layout } from '../layout.js';

export function TracePage({ appId, traceId }: { appId: string; traceId: string }) {
  return (
    <Layout title={traceId} appId={appId}>
      <p class="muted">Not built yet.</p>
    </Layout>
  );
}
