import { Time } from '../../components/format.js';
import type { AppView, Person } from './types.js';

function Who({ p }: { p: Person }) {
  return (
    <>
      {p.name ?? p.id} <span class="muted mono">{p.id}</span>
    </>
  );
}

/** The app's facts: what the old server-rendered page showed. */
export function Facts({ view }: { view: AppView }) {
  const a = view.app;
  return (
    <section class="card" aria-labelledby="facts-heading">
      <h2 id="facts-heading">About</h2>
      <dl class="facts">
        <dt>Name</dt>
        <dd data-testid="app-name">{a.name}</dd>
        <dt>App ID</dt>
        <dd>
          <code data-testid="app-id">{a.id}</code>
        </dd>
        <dt>Workspace</dt>
        <dd>
          <Who p={a.team} />
        </dd>
        <dt>Owner</dt>
        <dd>
          <Who p={a.owner} />
        </dd>
        <dt>Runs on</dt>
        <dd>{a.hosted ? 'Slack (hosted)' : 'its own servers (not hosted)'}</dd>
        <dt>Created</dt>
        <dd>
          <Time ms={a.created_at} />
        </dd>
        <dt>Manifest updated</dt>
        <dd>
          <Time ms={a.updated_at} />
        </dd>
      </dl>
    </section>
  );
}

/** The manifest as pretty JSON, folded until asked for. */
export function ManifestView({ manifest }: { manifest: Record<string, unknown> }) {
  return (
    <section class="card" aria-labelledby="manifest-heading">
      <h2 id="manifest-heading">Manifest</h2>
      <details>
        <summary>Show the manifest as JSON</summary>
        <pre class="json" data-testid="manifest">
          {JSON.stringify(manifest, null, 2)}
        </pre>
      </details>
    </section>
  );
}
