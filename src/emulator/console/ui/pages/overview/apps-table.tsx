import { Time } from '../../components/format.js';
import { paths } from '../../router.js';
import type { OverviewApp } from './types.js';

/** The apps, each linked to its page; `more` leads to the next page of them. */
export function AppsTable({ apps, moreHref }: { apps: OverviewApp[]; moreHref: string | null }) {
  return (
    <section class="card" aria-labelledby="apps-title">
      <h2 id="apps-title">Apps</h2>
      {apps.length === 0 ? (
        <p class="muted">
          No apps yet. Run <code>rosi deploy</code> in an app’s folder to create one here.
        </p>
      ) : (
        <table class="grid">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">ID</th>
              <th scope="col">Team</th>
              <th scope="col">Owner</th>
              <th scope="col">Last deploy</th>
            </tr>
          </thead>
          <tbody>
            {apps.map((a) => (
              <tr key={a.id}>
                <td>
                  <a href={paths.app(a.id)}>{a.name ?? a.id}</a>
                </td>
                <td class="mono">{a.id}</td>
                <td>{a.team_name ?? <span class="mono">{a.team_id}</span>}</td>
                <td>
                  {a.owner_name ?? ''} <span class="mono muted">{a.owner_id}</span>
                </td>
                <td>
                  {a.last_deploy ? (
                    <>
                      version {a.last_deploy.version}, <Time ms={a.last_deploy.at} />
                    </>
                  ) : (
                    <span class="muted">never deployed</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {moreHref && (
        <p>
          <a href={moreHref}>Next apps</a>
        </p>
      )}
    </section>
  );
}
