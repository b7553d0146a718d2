import { useEffect, useRef, useState } from 'preact/hooks';

/** The live channel's notices (`live-sources.ts` on the server). */
export interface LiveNotices {
  activity: { app_id: string; count: number; trace_ids: string[]; newest: number };
  items: { app_id: string; datastore: string; count: number; ids: string[]; cleared: boolean };
  message: { team_id: string; channel_id: string; ts: string; thread_ts: string | null; app_id: string | null };
  request: Record<string, unknown>;
}
export type LiveName = keyof LiveNotices;

type Listener = (data: never) => void;
const listeners = new Map<LiveName, Set<Listener>>();
const statusListeners = new Set<(up: boolean) => void>();
let source: EventSource | undefined;
let up = false;

/** One EventSource for the whole page, opened at the first subscription; the browser reconnects it on its own. */
function connect(): void {
  if (source) return;
  source = new EventSource('/__console/events');
  source.onopen = () => setUp(true);
  source.onerror = () => setUp(false);
  // The whole state was replaced (a snapshot loaded, a reset): nothing on the page is true any more.
  source.addEventListener('state', () => location.reload());
  for (const name of ['activity', 'items', 'message', 'request'] as const) {
    source.addEventListener(name, (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data) as never;
      for (const l of listeners.get(name) ?? []) l(data);
    });
  }
}

function setUp(next: boolean): void {
  if (up === next) return;
  up = next;
  for (const l of statusListeners) l(up);
}

export function subscribe<N extends LiveName>(name: N, listener: (data: LiveNotices[N]) => void): () => void {
  connect();
  const set = listeners.get(name) ?? new Set();
  set.add(listener as Listener);
  listeners.set(name, set);
  return () => set.delete(listener as Listener);
}

/** Calls `listener` for each notice of `name` while the component is mounted (the latest `listener`). */
export function useLive<N extends LiveName>(name: N, listener: (data: LiveNotices[N]) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => subscribe(name, (d) => latest.current(d)), [name]);
}

/** Whether the live channel is connected (after a reconnect, pages re-read what they show). */
export function useLiveStatus(): boolean {
  const [state, setState] = useState(up);
  useEffect(() => {
    connect();
    statusListeners.add(setState);
    setState(up);
    return () => void statusListeners.delete(setState);
  }, []);
  return state;
}
