import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ActivityAnswer, ConsoleActivity } from './wire.js';
import { ApiProblem, getJson } from '../../api.js';
import type { Filters } from './query.js';

export interface ActivityLog {
  state: 'loading' | 'ok' | 'failed';
  rows: ConsoleActivity[];
  problem: ApiProblem | undefined;
  /** Whether older entries exist, and reading them. */
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder(): void;
  /** Reads the entries newer than the newest shown and puts them on top (a live notice). */
  readNewer(): void;
}

const problemOf = (e: unknown) => (e instanceof ApiProblem ? e : new ApiProblem(0, 'unreachable', 'The emulator did not answer. Is it still running?'));

/**
 * An app's log as the page shows it: the first page for the filters, older pages appended on demand, and
 * newer entries prepended as notices come (a keyset read after the newest one shown, with the same filters).
 * Reads go one at a time, so a burst of notices never shows an entry twice.
 */
export function useActivityLog(appId: string, filters: Filters): ActivityLog {
  const path = `apps/${encodeURIComponent(appId)}/activity`;
  const key = `${appId}?${JSON.stringify(filters)}`;
  const [rows, setRows] = useState<ConsoleActivity[]>([]);
  const [state, setState] = useState<ActivityLog['state']>('loading');
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  const [older, setOlder] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const newest = useRef<string | null>(null);
  /** The view reads are for; a read for an earlier view is dropped. */
  const view = useRef(key);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const keepScroll = useRef<{ y: number; height: number } | undefined>(undefined);

  const serial = useCallback((read: () => Promise<void>) => {
    queue.current = queue.current.then(read, read);
  }, []);

  const first = useCallback(
    (forKey: string) =>
      serial(async () => {
        try {
          const a = await getJson<ActivityAnswer>(path, filters);
          if (view.current !== forKey) return;
          newest.current = a.newest;
          setRows(a.activities);
          setOlder(a.older);
          setProblem(undefined);
          setState('ok');
        } catch (e) {
          if (view.current !== forKey) return;
          setProblem(problemOf(e));
          setState((s) => (s === 'ok' ? s : 'failed'));
        }
      }),
    [key],
  );

  useEffect(() => {
    view.current = key;
    setState('loading');
    setRows([]);
    first(key);
  }, [key]);

  const readNewer = useCallback(() => {
    const forKey = view.current;
    serial(async () => {
      if (newest.current === null) return first(forKey);
      try {
        const a = await getJson<ActivityAnswer>(path, { ...filters, after: newest.current, limit: 500 });
        if (view.current !== forKey) return;
        // Too many at once to splice in: the first page again is cheaper and as right.
        if (a.more) return first(forKey);
        newest.current = a.newest;
        if (a.activities.length === 0) return;
        // Someone reading further down keeps their place: the page grows above them.
        keepScroll.current = scrollY > 0 ? { y: scrollY, height: document.documentElement.scrollHeight } : undefined;
        setRows((shown) => [...a.activities, ...shown]);
      } catch (e) {
        if (view.current === forKey) setProblem(problemOf(e));
      }
    });
  }, [key]);

  useLayoutEffect(() => {
    const kept = keepScroll.current;
    keepScroll.current = undefined;
    if (kept) scrollTo(0, kept.y + document.documentElement.scrollHeight - kept.height);
  }, [rows]);

  const loadOlder = useCallback(() => {
    const forKey = view.current;
    const cursor = older;
    if (cursor === null) return;
    setLoadingOlder(true);
    serial(async () => {
      try {
        const a = await getJson<ActivityAnswer>(path, { ...filters, cursor });
        if (view.current !== forKey) return;
        setRows((shown) => [...shown, ...a.activities]);
        setOlder(a.older);
      } catch (e) {
        if (view.current === forKey) setProblem(problemOf(e));
      } finally {
        setLoadingOlder(false);
      }
    });
  }, [key, older]);

  return { state, rows, problem, hasOlder: older !== null, loadingOlder, loadOlder, readNewer };
}
