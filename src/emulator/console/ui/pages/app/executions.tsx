import { duration, Time } from '../../components/format.js';
import { paths } from '../../router.js';
import type { ExecutionView } from './types.js';

/** The app's newest workflow executions, each linking to its trace. */
export function Executions({ appId, executions }: { appId: string; executions: ExecutionView[] }) {
  return (
    <section class="card" aria-labelledby="executions-heading">
      <h2 id="executions-heading">Recent executions</h2>
      {executions.length === 0 ? (
        <p class="muted">None yet: fire a trigger below, or with `rosi trigger run`.</p>
      ) : (
        <table class="grid" data-testid="executions">
          <thead>
            <tr>
              <th scope="col">Workflow</th>
              <th scope="col">Status</th>
              <th scope="col">Started</th>
              <th scope="col">Duration</th>
              <th scope="col">Trace</th>
            </tr>
          </thead>
          <tbody>
            {executions.map((x) => (
              <tr key={x.id}>
                <td>
                  <code>{x.workflow}</code>
                </td>
                <td>
                  <span class={`status status-${x.status}`}>{x.status}</span>
                  {x.error !== null && <span class="muted"> {x.error}</span>}
                </td>
                <td>
                  <Time ms={x.started_at} />
                </td>
                <td>{x.ended_at === null ? <span class="muted">running</span> : duration(x.ended_at - x.started_at)}</td>
                <td>
                  <a href={paths.trace(appId, x.trace_id)}>{x.trace_id}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href={paths.activity(appId)}>All of the app’s activity</a>
      </p>
    </section>
  );
}
