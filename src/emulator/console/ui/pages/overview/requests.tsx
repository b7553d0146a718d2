import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiProblem, getJson } from '../../api.js';
import { duration, Time } from '../../components/format.js';
import { Problem } from '../../components/load.js';
import { useLive } from '../../live.js';
import { RequestDetail, Result } from './request-detail.js';
import type { CallPage, CallSummary } from './types.js';

const PAGE = 50;
/** The most rows the table holds at once. */
const MAX_SHOWN = 500;

interface Filters {
  method: string;
  caller: string;
  /** '', 'ok', 'error' */
  result: string;
  code: string;
}

const queryOf = (f: Filters) => ({ method: f.method, caller: f.caller, status: f.code.trim() !== '' ? f.code.trim() : f.result, limit: PAGE });

/**
 * The request inspector: the emulator's last Web API calls, newest first. New calls come in live (a `request`
 * notice makes it read the newest page again); paused, it only counts them, so rows stay under the pointer.
 */
export function RequestInspector() {
  const [filters, setFilters] = useState<Filters>({ method: '', caller: '', result: '', code: '' });
  const [rows, setRows] = useState<CallSummary[] | undefined>(undefined);
  const rowsRef = useRef(rows);
  // The filters the rows shown were read with: new rows join them only when read with the same ones.
  const shownFor = useRef<Filters | undefined>(undefined);
  const show = (next: CallSummary[], read: Filters) => {
    rowsRef.current = next;
    shownFor.current = read;
    setRows(next);
  };
  const [next, setNext] = useState<number | null>(null);
  const [kept, setKept] = useState<{ kept: number; max: number } | undefined>(undefined);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [paused, setPaused] = useState(false);
  const [waiting, setWaiting] = useState(0);
  const [open, setOpen] = useState<number | undefined>(undefined);
  const loading = useRef<{ busy: boolean; again: boolean }>({ busy: false, again: false });
  const filtersRef = useRef(filters);
  filtersRef.current = filters;

  // Reads the newest page; what is shown below it (older pages read before) stays when the new page reaches it.
  const refresh = useCallback(async (replace: boolean) => {
    const state = loading.current;
    if (state.busy) {
      state.again = true;
      return;
    }
    state.busy = true;
    try {
      do {
        state.again = false;
        const asked = filtersRef.current;
        const page = await getJson<CallPage>('requests', queryOf(asked));
        if (asked !== filtersRef.current) {
          state.again = true;
          continue;
        }
        setProblem(undefined);
        setKept({ kept: page.kept, max: page.max_kept });
        const old = rowsRef.current;
        const oldest = page.calls.at(-1)?.seq;
        const reaches =
          !replace &&
          shownFor.current === asked &&
          old !== undefined &&
          old.length > 0 &&
          page.next_before !== null &&
          oldest !== undefined &&
          oldest <= (old[0] as CallSummary).seq;
        if (reaches) {
          const merged = [...page.calls, ...old.filter((r) => r.seq < oldest)];
          // A long stream keeps the table to the newest MAX_SHOWN; the older ones are a click away again.
          if (merged.length > MAX_SHOWN) setNext((merged[MAX_SHOWN - 1] as CallSummary).seq);
          show(merged.slice(0, MAX_SHOWN), asked);
        } else {
          show(page.calls, asked);
          setNext(page.next_before);
        }
        replace = false;
      } while (state.again);
    } catch (e) {
      setProblem(e instanceof ApiProblem ? e : new ApiProblem(0, 'unreachable', 'The emulator did not answer. Is it still running?'));
    } finally {
      state.busy = false;
    }
  }, []);

  useEffect(() => {
    void refresh(true);
  }, [filters, refresh]);

  useLive('request', () => {
    if (paused) setWaiting((n) => n + 1);
    else void refresh(false);
  });

  const older = async () => {
    if (next === null) return;
    try {
      const page = await getJson<CallPage>('requests', { ...queryOf(filters), before: next });
      if (shownFor.current !== filters) return;
      show([...(rowsRef.current ?? []), ...page.calls], filters);
      setNext(page.next_before);
    } catch (e) {
      setProblem(e instanceof ApiProblem ? e : new ApiProblem(0, 'unreachable', 'The emulator did not answer. Is it still running?'));
    }
  };

  const togglePause = () => {
    if (paused) {
      setWaiting(0);
      void refresh(true);
    }
    setPaused(!paused);
  };

  const set = (key: keyof Filters) => (e: Event) => setFilters({ ...filters, [key]: (e.currentTarget as HTMLInputElement).value });

  return (
    <section class="card" aria-labelledby="inspector-title">
      <h2 id="inspector-title">Request inspector</h2>
      <p class="muted">
        Every Web API call made to this emulator, newest first: who made it (never the token), what it asked and what it got, with secrets redacted.
        {kept && ` It keeps the last ${kept.max.toLocaleString('en')} calls; ${kept.kept.toLocaleString('en')} so far.`}
      </p>
      <form class="inspector-filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter calls">
        <label>
          Method
          <input type="search" name="method" value={filters.method} onInput={set('method')} placeholder="apps.datastore" />
        </label>
        <label>
          Caller
          <input type="search" name="caller" value={filters.caller} onInput={set('caller')} placeholder="name or ID" />
        </label>
        <label>
          Result
          <select name="result" value={filters.result} onChange={set('result')}>
            <option value="">Any</option>
            <option value="ok">OK</option>
            <option value="error">Error</option>
          </select>
        </label>
        <label>
          Error code
          <input type="search" name="code" value={filters.code} onInput={set('code')} placeholder="invalid_auth" />
        </label>
        <button type="button" class="secondary" aria-pressed={paused} onClick={togglePause}>
          {paused ? 'Resume' : 'Pause'}
        </button>
      </form>
      <p role="status" class="inspector-waiting">
        {paused ? (waiting === 0 ? 'Paused: new calls wait until you resume.' : `Paused: ${waiting} new ${waiting === 1 ? 'call' : 'calls'} waiting.`) : ''}
      </p>
      {problem && <Problem problem={problem} />}
      {rows === undefined ? (
        !problem && (
          <p class="muted" aria-busy="true">
            Loading…
          </p>
        )
      ) : rows.length === 0 ? (
        <p class="muted">No calls{filters.method || filters.caller || filters.result || filters.code ? ' match these filters' : ' yet'}.</p>
      ) : (
        <table class="grid requests">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Method</th>
              <th scope="col">Caller</th>
              <th scope="col">Result</th>
              <th scope="col">Duration</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.seq} class={open === c.seq ? 'selected' : undefined}>
                <td>
                  <Time ms={c.at} />
                </td>
                <td>
                  <button type="button" class="link mono" aria-expanded={open === c.seq} onClick={() => setOpen(open === c.seq ? undefined : c.seq)}>
                    {c.method}
                  </button>
                </td>
                <td>{c.caller.label}</td>
                <td>
                  <Result call={c} />
                </td>
                <td>{duration(c.duration_ms)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next !== null && rows !== undefined && (
        <p>
          <button type="button" class="secondary" onClick={older}>
            Show older calls
          </button>
        </p>
      )}
      {open !== undefined && <RequestDetail key={open} seq={open} onClose={() => setOpen(undefined)} />}
    </section>
  );
}
