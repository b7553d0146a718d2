import '../styles/trace.css';
import { Await, useJson } from '../components/load.js';
import { Time } from '../components/format.js';
import { Layout } from '../layout.js';
import { useLive } from '../live.js';
import { paths } from '../router.js';
import type { TraceAnswer } from './activity/wire.js';
import { Timeline } from './trace/timeline.js';

const OUTCOME = { ok: 'completed', failed: 'failed', unfinished: 'running or unfinished' } as const;

/** One execution's timeline, re-read while it runs whenever the live channel names its trace. */
export function TracePage({ appId, traceId }: { appId: string; traceId: string }) {
  const loaded = useJson<TraceAnswer>(`apps/${encodeURIComponent(appId)}/traces/${encodeURIComponent(traceId)}`);
  useLive('activity', (n) => {
    // A notice lists at most 100 trace IDs; past that it may be ours.
    if (n.app_id === appId && (n.trace_ids.includes(traceId) || n.trace_ids.length >= 100)) loaded.reload();
  });
  return (
    <Layout
      title={`Trace ${traceId}`}
      appId={appId}
      crumbs={[
        { label: 'Overview', href: paths.overview() },
        { label: appId, href: paths.app(appId) },
        { label: 'Activity', href: paths.activity(appId) },
        { label: traceId },
      ]}
    >
      <Await loaded={loaded}>
        {(t) => (
          <>
            <dl class="facts card">
              <dt>Outcome</dt>
              <dd class={`outcome outcome-${t.status}`}>
                <span aria-hidden="true">{t.status === 'failed' ? '✗ ' : t.status === 'ok' ? '✓ ' : '… '}</span>
                {OUTCOME[t.status]}
              </dd>
              <dt>Started</dt>
              <dd>
                <Time ms={Math.floor(t.started_at / 1000)} />
              </dd>
              <dt>Took</dt>
              <dd>{t.duration}</dd>
              <dt>Entries</dt>
              <dd>
                <a href={`${paths.activity(appId)}?q=${encodeURIComponent(traceId)}`}>This trace’s entries in the activity log</a>
              </dd>
            </dl>
            {t.truncated && <p class="muted">This trace has more entries than the console draws; the first 5,000 are shown.</p>}
            <Timeline nodes={t.nodes} span={t.span} duration={t.duration} />
          </>
        )}
      </Await>
    </Layout>
  );
}
