import type { Overview } from './types.js';

/** The emulator's teams and the people in them. */
export function People({ data }: { data: Overview }) {
  const teamName = new Map(data.teams.map((t) => [t.id, t.name]));
  return (
    <section class="card" aria-labelledby="people-title">
      <h2 id="people-title">Teams and users</h2>
      <h3>Teams</h3>
      <table class="grid">
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col">ID</th>
            <th scope="col">Domain</th>
          </tr>
        </thead>
        <tbody>
          {data.teams.map((t) => (
            <tr key={t.id}>
              <td>
                {t.name}
                {t.id === data.emulator.team_id && <span class="muted"> (this emulator’s own)</span>}
              </td>
              <td class="mono">{t.id}</td>
              <td class="mono">{t.domain}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.teams_more && <p class="muted">More teams than these are not listed.</p>}
      <h3>Users</h3>
      <table class="grid">
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">ID</th>
            <th scope="col">Team</th>
          </tr>
        </thead>
        <tbody>
          {data.users.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td class="mono">{u.id}</td>
              <td>{teamName.get(u.team_id) ?? <span class="mono">{u.team_id}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.users_more && <p class="muted">More users than these are not listed.</p>}
    </section>
  );
}
