import './styles/base.css';
import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import { Layout } from './layout.js';
import { ActivityPage } from './pages/activity.js';
import { AppPage } from './pages/app.js';
import { DatastorePage } from './pages/datastore.js';
import { MessagesPage } from './pages/messages.js';
import { OverviewPage } from './pages/overview.js';
import { TracePage } from './pages/trace.js';
import { interceptLinks, routeOf, useLocation } from './router.js';

function Console() {
  const { pathname } = useLocation();
  const route = routeOf(pathname);
  // A new page starts at its top, with focus on its content (as a full page load would).
  useEffect(() => {
    scrollTo(0, 0);
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname]);
  switch (route.page) {
    case 'overview':
      return <OverviewPage />;
    case 'messages':
      return <MessagesPage />;
    case 'app':
      return <AppPage appId={route.appId} />;
    case 'datastore':
      return <DatastorePage appId={route.appId} datastore={route.datastore} />;
    case 'activity':
      return <ActivityPage appId={route.appId} />;
    case 'trace':
      return <TracePage appId={route.appId} traceId={route.traceId} />;
    default:
      return (
        <Layout title="Not found">
          <p>
            The console has no page at <code>{route.path}</code>.
          </p>
        </Layout>
      );
  }
}

interceptLinks();
render(<Console />, document.getElementById('app') as HTMLElement);
