import { Layout } from '../layout.js';

export function MessagesPage() {
  return (
    <Layout title="Messages">
      <p class="muted">Not built yet.</p>
    </Layout>
  );
}
