import { useState } from 'preact/hooks';
import { ApiProblem, getJson } from '../../api.js';
import { bytes, Time } from '../../components/format.js';
import { Problem } from '../../components/load.js';
import type { AppView } from './types.js';

type Files = { state: 'closed' } | { state: 'loading' } | { state: 'ok'; files: { name: string; size: number }[] } | { state: 'failed'; problem: ApiProblem };

/** The app's deployments, newest first; each one's files are read from its zip when asked for. */
export function Deployments({ appId, deployments }: { appId: string; deployments: AppView['deployments'] }) {
  return (
    <section class="card" aria-labelledby="deployments-heading">
      <h2 id="deployments-heading">Deployments</h2>
      {deployments.length === 0 ? (
        <p class="muted">None yet: `rosi deploy` makes one.</p>
      ) : (
        <table class="grid" data-testid="deployments">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Deployed</th>
              <th scope="col">By</th>
              <th scope="col">Runtime</th>
              <th scope="col">Size</th>
              <th scope="col">Files</th>
            </tr>
          </thead>
          <tbody>
            {deployments.map((d) => (
              <Deployment key={d.version} appId={appId} d={d} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Deployment({ appId, d }: { appId: string; d: AppView['deployments'][number] }) {
  const [files, setFiles] = useState<Files>({ state: 'closed' });
  const toggle = () => {
    if (files.state !== 'closed') return setFiles({ state: 'closed' });
    setFiles({ state: 'loading' });
    getJson<{ files: { name: string; size: number }[] }>(`apps/${encodeURIComponent(appId)}/deployments/${d.version}/files`).then(
      (r) => setFiles({ state: 'ok', files: r.files }),
      (e: unknown) => setFiles({ state: 'failed', problem: e instanceof ApiProblem ? e : new ApiProblem(0, 'unreachable', 'The emulator did not answer.') }),
    );
  };
  return (
    <>
      <tr>
        <td>{d.version}</td>
        <td>
          <Time ms={d.deployed_at} />
        </td>
        <td>{d.deployed_by.name ?? d.deployed_by.id}</td>
        <td>{d.runtime}</td>
        <td>{bytes(d.zip_size)}</td>
        <td>
          {d.file_count}{' '}
          <button type="button" class="secondary small" aria-expanded={files.state !== 'closed'} onClick={toggle}>
            {files.state === 'closed' ? 'Show files' : 'Hide files'}
            <span class="visually-hidden"> of version {d.version}</span>
          </button>
        </td>
      </tr>
      {files.state !== 'closed' && (
        <tr>
          <td colSpan={6}>
            {files.state === 'loading' && <p class="muted">Reading the zip…</p>}
            {files.state === 'failed' && <Problem problem={files.problem} />}
            {files.state === 'ok' && (
              <ul class="files" aria-label={`Files of version ${d.version}`}>
                {files.files.map((f) => (
                  <li key={f.name}>
                    <code>{f.name}</code> <span class="muted">{bytes(f.size)}</span>
                  </li>
                ))}
              </ul>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
