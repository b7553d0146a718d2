import { useEffect, useState } from 'preact/hooks';

/** The page a path shows, with the parts it names (URL-decoded). */
export type Route =
  | { page: 'overview' }
  | { page: 'messages' }
  | { page: 'app'; appId: string }
  | { page: 'datastore'; appId: string; datastore: string }
  | { page: 'activity'; appId: string }
  | { page: 'trace'; appId: string; traceId: string }
  | { page: 'not-found'; path: string };

export function routeOf(pathname: string): Route {
  const parts = pathname
    .split('/')
    .filter((p) => p !== '')
    .map(decode);
  if (parts.length === 0) return { page: 'overview' };
  if (parts.length === 1 && parts[0] === 'messages') return { page: 'messages' };
  if (parts[0] === 'apps' && parts[1] !== undefined) {
    const appId = parts[1];
    if (parts.length === 2) return { page: 'app', appId };
    if (parts.length === 3 && parts[2] === 'activity') return { page: 'activity', appId };
    if (parts.length === 4 && parts[2] === 'datastores') return { page: 'datastore', appId, datastore: parts[3] as string };
    if (parts.length === 4 && parts[2] === 'traces') return { page: 'trace', appId, traceId: parts[3] as string };
  }
  return { page: 'not-found', path: pathname };
}

/** The console path of a page, each part escaped. */
export const paths = {
  overview: () => '/',
  messages: () => '/messages',
  app: (appId: string) => `/apps/${encodeURIComponent(appId)}`,
  datastore: (appId: string, name: string) => `/apps/${encodeURIComponent(appId)}/datastores/${encodeURIComponent(name)}`,
  activity: (appId: string) => `/apps/${encodeURIComponent(appId)}/activity`,
  trace: (appId: string, traceId: string) => `/apps/${encodeURIComponent(appId)}/traces/${encodeURIComponent(traceId)}`,
};

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const changes = new Set<() => void>();

/** Goes to a console path without reloading (the query string included); `replace` keeps the history entry. */
export function navigate(to: string, o: { replace?: boolean } = {}): void {
  if (o.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  for (const c of changes) c();
}

/** The current location; re-renders on navigation and on back/forward. */
export function useLocation(): { pathname: string; search: URLSearchParams } {
  const [, tick] = useState(0);
  useEffect(() => {
    const again = () => tick((n) => n + 1);
    changes.add(again);
    addEventListener('popstate', again);
    return () => {
      changes.delete(again);
      removeEventListener('popstate', again);
    };
  }, []);
  return { pathname: location.pathname, search: new URLSearchParams(location.search) };
}

/**
 * Same-origin links move within the page: one listener for the whole document, so a plain `<a href>` is all a
 * page writes (and a link still opens in a new tab with a modifier key, or works with JavaScript off).
 */
export function interceptLinks(): void {
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element | null)?.closest?.('a');
    if (!a || a.target !== '' || a.hasAttribute('download')) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/__') || url.pathname === '/approve') return;
    e.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
}
