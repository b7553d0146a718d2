import type { ConsoleActivity } from './wire.js';
import { useState } from 'preact/hooks';
import { Time } from '../../components/format.js';
import { paths } from '../../router.js';

/** Level as a word and a mark as well as a colour, so colour is never the only signal. */
const MARKS: Record<string, string> = { trace: '·', debug: '·', info: '●', warn: '▲', error: '✖', fatal: '✖' };

export function LevelBadge({ level }: { level: string }) {
  const tone = level === 'error' || level === 'fatal' ? 'error' : level === 'warn' ? 'warn' : level === 'info' ? 'info' : 'quiet';
  return (
    <span class={`level-badge level-${tone}`}>
      <span aria-hidden="true">{MARKS[level] ?? '●'} </span>
      {level}
    </span>
  );
}

/** The entry's line; its whole payload when opened (drawn only then: a page of closed ones stays light). */
function PayloadDisclosure({ summary, payload }: { summary: string; payload: Record<string, unknown> }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{summary}</summary>
      {open && <pre class="payload">{JSON.stringify(payload, null, 2)}</pre>}
    </details>
  );
}

/** The entries, newest first: each with its trace's link and its whole payload on demand. */
export function LogTable({ appId, rows }: { appId: string; rows: ConsoleActivity[] }) {
  return (
    <table class="grid log">
      <caption class="visually-hidden">Activity entries, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Time (UTC)</th>
          <th scope="col">Level</th>
          <th scope="col">Event</th>
          <th scope="col">Component</th>
          <th scope="col">Source</th>
          <th scope="col">What happened</th>
          <th scope="col">Trace</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((a) => (
          <tr key={a.id} data-event={a.event_type} class={a.level === 'error' || a.level === 'fatal' ? 'failed' : undefined}>
            <td class="nowrap">
              <Time ms={Math.floor(a.created / 1000)} />
            </td>
            <td>
              <LevelBadge level={a.level} />
            </td>
            <td class="mono">{a.event_type}</td>
            <td class="mono">
              {a.component_type === '' && a.component_id === '' ? (
                <span class="muted">—</span>
              ) : (
                <>
                  {a.component_type}
                  {a.component_type !== '' && a.component_id !== '' && ' / '}
                  {a.component_id}
                </>
              )}
            </td>
            <td>{a.source}</td>
            <td class="what">
              <PayloadDisclosure summary={a.summary === '' ? a.event_type : a.summary} payload={a.payload} />
            </td>
            <td class="mono">
              {a.trace_id === '' ? (
                <span class="muted">—</span>
              ) : (
                <a href={paths.trace(appId, a.trace_id)} aria-label={`Trace ${a.trace_id}`}>
                  {a.trace_id}
                </a>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
