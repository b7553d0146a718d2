import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiProblem, getJson } from '../api.js';

export type Loaded<T> = { state: 'loading' } | { state: 'ok'; data: T } | { state: 'failed'; problem: ApiProblem };

/**
 * Reads a console endpoint when `path` or `query` change; `reload()` reads it again (after a live notice),
 * keeping what is shown until the new answer comes, so a live page does not flicker.
 */
export function useJson<T>(path: string, query: Record<string, string | number | undefined> = {}): Loaded<T> & { reload: () => void } {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  const key = `${path}?${JSON.stringify(query)}`;
  const latest = useRef(key);
  latest.current = key;
  useEffect(() => {
    const ctl = new AbortController();
    getJson<T>(path, query, ctl.signal).then(
      (data) => latest.current === key && setLoaded({ state: 'ok', data }),
      (e: unknown) => {
        if (ctl.signal.aborted) return;
        setLoaded({
          state: 'failed',
          problem: e instanceof ApiProblem ? e : new ApiProblem(0, 'unreachable', 'The emulator did not answer. Is it still running?'),
        });
      },
    );
    return () => ctl.abort();
  }, [key, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...loaded, reload };
}

/** What a page shows while its data loads, when it failed, or once it is there. */
export function Await<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ComponentChildren }) {
  if (loaded.state === 'loading')
    return (
      <p class="muted" aria-busy="true">
        Loading…
      </p>
    );
  if (loaded.state === 'failed') return <Problem problem={loaded.problem} />;
  return <>{children(loaded.data)}</>;
}

export function Problem({ problem }: { problem: ApiProblem | { message: string; hint?: string | undefined; details?: string[] | undefined } }) {
  return (
    <div class="problem" role="alert">
      <p>{problem.message}</p>
      {problem.details && problem.details.length > 0 && (
        <ul>
          {problem.details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
      {problem.hint && <p class="hint">{problem.hint}</p>}
    </div>
  );
}
