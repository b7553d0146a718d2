import '../styles/activity.css';
import { useEffect, useRef } from 'preact/hooks';
import { Problem } from '../components/load.js';
import { Layout } from '../layout.js';
import { useLive, useLiveStatus } from '../live.js';
import { paths, useLocation } from '../router.js';
import { ActivityFilters } from './activity/filters.js';
import { LogTable } from './activity/log-table.js';
import { filtersOf } from './activity/query.js';
import { useActivityLog } from './activity/use-activity-log.js';

/**
 * An app's live log: newest first, filtered by what the URL's query holds, older pages on demand, and new
 * entries put on top as the live channel tells of them.
 */
export function ActivityPage({ appId }: { appId: string }) {
  const { search } = useLocation();
  const filters = filtersOf(search);
  const log = useActivityLog(appId, filters);
  useLive('activity', (n) => {
    if (n.app_id === appId) log.readNewer();
  });
  // Notices sent while the channel was down are lost: once it is back, read what came meanwhile.
  const live = useLiveStatus();
  const wasUp = useRef(live);
  useEffect(() => {
    if (live && !wasUp.current) log.readNewer();
    wasUp.current = live;
  }, [live]);
  const filtered = Object.keys(filters).length > 0;
  return (
    <Layout
      title="Activity"
      appId={appId}
      crumbs={[{ label: 'Overview', href: paths.overview() }, { label: appId, href: paths.app(appId) }, { label: 'Activity' }]}
    >
      <ActivityFilters appId={appId} filters={filters} />
      {log.problem && <Problem problem={log.problem} />}
      {log.state === 'loading' && (
        <p class="muted" aria-busy="true">
          Loading…
        </p>
      )}
      {log.state === 'ok' && (
        <>
          <p class="muted count" role="status">
            {log.rows.length === 0
              ? filtered
                ? 'No entry matches these filters.'
                : 'No activity yet: deploy the app or run one of its triggers, and entries appear here as they are written.'
              : `${log.rows.length.toLocaleString('en')} ${log.rows.length === 1 ? 'entry' : 'entries'} shown, newest first${log.hasOlder ? '; older ones below' : ''}.`}
          </p>
          {log.rows.length > 0 && <LogTable appId={appId} rows={log.rows} />}
          {log.hasOlder && (
            <p>
              <button type="button" class="secondary" onClick={log.loadOlder} disabled={log.loadingOlder}>
                {log.loadingOlder ? 'Loading older entries…' : 'Older entries'}
              </button>
            </p>
          )}
        </>
      )}
    </Layout>
  );
}
