import { Layout } from '../layout.js';

export function OverviewPage() {
  return (
    <Layout title="Overview">
      <p class="muted">Not built yet.</p>
    </Layout>
  );
}
