import type { Overview } from './types.js';

/** How to point rosi at this emulator: the command to paste, and where tickets are approved. */
export function HowTo({ emulator }: { emulator: Overview['emulator'] }) {
  return (
    <section class="card" aria-labelledby="howto-title">
      <h2 id="howto-title">How to use this emulator</h2>
      <ol class="howto">
        <li>
          Log in with rosi, in a terminal:
          <pre class="command">
            <code>{emulator.login_command}</code>
          </pre>
        </li>
        <li>
          Approve the login on the <a href={emulator.approve_url}>approval page</a> with the slash command rosi prints.
        </li>
        <li>
          Run <code>rosi deploy</code> in an app’s folder: the app appears above, and every call rosi makes appears in the request inspector below.
        </li>
      </ol>
    </section>
  );
}
