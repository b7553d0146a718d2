import { appFlags } from '../../components/cli.js';
/** The app's environment variable names; their values never reach the page. */
export function Variables({ appId, teamId, names }: { appId: string; teamId: string; names: string[] }) {
  return (
    <section class="card" aria-labelledby="variables-heading">
      <h2 id="variables-heading">Environment variables</h2>
      {names.length === 0 ? (
        <p class="muted">
          None. <code>rosi env set NAME {appFlags(appId, teamId)}</code> sets one.
        </p>
      ) : (
        <>
          <ul class="names" data-testid="variables">
            {names.map((n) => (
              <li key={n}>
                <code>{n}</code>
              </li>
            ))}
          </ul>
          <p class="muted">Names only: values are never shown. A new value applies to the next execution.</p>
        </>
      )}
    </section>
  );
}
