import { appFlags } from '../../components/cli.js';
import { Time } from '../../components/format.js';
import { FireForm } from './fire-form.js';
import type { TriggerView } from './types.js';

/** The app's triggers: what each starts, a webhook's URL without its secret, a schedule's next run, and a way to fire each. */
export function Triggers({ appId, teamId, triggers }: { appId: string; teamId: string; triggers: TriggerView[] }) {
  return (
    <section class="card" aria-labelledby="triggers-heading">
      <h2 id="triggers-heading">Triggers</h2>
      {triggers.length === 0 ? (
        <p class="muted">
          None. <code>rosi trigger create --trigger-def triggers/&lt;file&gt; {appFlags(appId, teamId)}</code> makes one.
        </p>
      ) : (
        <ul class="triggers" data-testid="triggers">
          {triggers.map((t) => (
            <li key={t.id} class="trigger">
              <h3>
                {t.name} <span class="muted mono">{t.id}</span>
              </h3>
              <dl class="facts">
                <dt>Type</dt>
                <dd>{t.type}</dd>
                <dt>Workflow</dt>
                <dd>
                  <code>{t.workflow}</code> {t.workflow_title === null ? <span class="level-warn">(no longer in the manifest)</span> : t.workflow_title}
                </dd>
                {t.description && (
                  <>
                    <dt>Description</dt>
                    <dd>{t.description}</dd>
                  </>
                )}
                {t.webhook_url !== undefined && (
                  <>
                    <dt>Webhook URL</dt>
                    <dd>
                      <code data-testid="webhook-url">{t.webhook_url}</code>
                      <p class="muted note">
                        The last part, the secret, is left out.{' '}
                        <code>
                          rosi trigger info --trigger-id {t.id} {appFlags(appId, teamId)}
                        </code>{' '}
                        prints the whole URL.
                      </p>
                    </dd>
                  </>
                )}
                {t.next_run !== undefined && (
                  <>
                    <dt>Next run</dt>
                    <dd>{t.next_run === null ? <span class="muted">none: the schedule has ended</span> : <Time ms={t.next_run} />}</dd>
                  </>
                )}
              </dl>
              <FireForm appId={appId} trigger={t} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
