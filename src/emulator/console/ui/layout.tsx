import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useLiveStatus } from './live.js';
import { paths } from './router.js';

export interface Crumb {
  label: string;
  href?: string;
}

/**
 * Every page's frame: a skip link, the site header with the main places, the page's breadcrumbs and title,
 * and the live channel's state (screen readers hear when it drops).
 */
export function Layout({ title, crumbs = [], appId, children }: { title: string; crumbs?: Crumb[]; appId?: string; children: ComponentChildren }) {
  const live = useLiveStatus();
  useEffect(() => {
    document.title = `${title} · rosi emulator`;
  }, [title]);
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="site">
        <a class="brand" href={paths.overview()}>
          rosi <span>emulator</span>
        </a>
        <nav aria-label="Console">
          <a href={paths.overview()}>Overview</a>
          {appId !== undefined && <a href={paths.app(appId)}>App</a>}
          {appId !== undefined && <a href={paths.activity(appId)}>Activity</a>}
          <a href={paths.messages()}>Messages</a>
        </nav>
        <span class={live ? 'live on' : 'live'} role="status">
          {live ? 'Live' : 'Reconnecting…'}
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        {crumbs.length > 0 && (
          <nav aria-label="Breadcrumb" class="crumbs">
            <ol>
              {crumbs.map((c) => (
                <li key={c.label}>{c.href ? <a href={c.href}>{c.label}</a> : <span aria-current="page">{c.label}</span>}</li>
              ))}
            </ol>
          </nav>
        )}
        <h1>{title}</h1>
        {children}
      </main>
    </>
  );
}
