import { paths } from '../../router.js';
import type { AppView } from './types.js';

export function Datastores({ appId, datastores }: { appId: string; datastores: AppView['datastores'] }) {
  return (
    <section class="card" aria-labelledby="datastores-heading">
      <h2 id="datastores-heading">Datastores</h2>
      {datastores.length === 0 ? (
        <p class="muted">The manifest declares none.</p>
      ) : (
        <table class="grid" data-testid="datastores">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Primary key</th>
              <th scope="col">Attributes</th>
              <th scope="col">Items</th>
            </tr>
          </thead>
          <tbody>
            {datastores.map((d) => (
              <tr key={d.name}>
                <td>
                  <a href={paths.datastore(appId, d.name)}>{d.name}</a>
                </td>
                <td>{d.primary_key ?? <span class="muted">none declared</span>}</td>
                <td>
                  {d.attributes.map((a, i) => (
                    <span key={a.name}>
                      {i > 0 && ', '}
                      <code>{a.name}</code> <span class="muted">{a.type}</span>
                    </span>
                  ))}
                </td>
                <td data-testid={`items-${d.name}`}>{d.items.toLocaleString('en')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
