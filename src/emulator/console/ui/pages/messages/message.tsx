import { useState } from 'preact/hooks';
import { Time } from '../../components/format.js';
import { paths } from '../../router.js';
import { blocksText } from './blocks-text.js';
import type { ShownMessage } from './types.js';

/** One message: who posted it (the app, and the workflow and execution), when, and its text; blocks as JSON on demand. */
export function Message({ m }: { m: ShownMessage }) {
  const [json, setJson] = useState(false);
  const text = m.text !== '' ? m.text : m.blocks ? blocksText(m.blocks) : '';
  const workflow = m.emulator.workflow;
  return (
    <article class="message" aria-label={`Message ${m.ts}`}>
      <header>
        <strong>{m.app_name ?? m.app_id ?? m.user ?? 'someone'}</strong>
        {m.app_id !== undefined && <span class="muted mono"> {m.app_id}</span>}
        {workflow !== undefined && (
          <>
            {' · workflow '}
            {m.trace_id !== null && m.app_id !== undefined ? (
              <a href={paths.trace(m.app_id, m.trace_id)} data-testid="message-trace">
                {workflow}
              </a>
            ) : (
              <code>{workflow}</code>
            )}
            {m.emulator.workflow_execution_id !== null && <span class="muted mono"> {m.emulator.workflow_execution_id}</span>}
          </>
        )}
        {' · '}
        <Time ms={m.posted_at} />
      </header>
      <p class="text">{text === '' ? <span class="muted">(no text)</span> : text}</p>
      {m.blocks !== undefined && (
        <>
          <button type="button" class="secondary small" aria-expanded={json} onClick={() => setJson(!json)}>
            {json ? 'Hide blocks' : 'Show blocks as JSON'}
          </button>
          {json && <pre class="json">{JSON.stringify(m.blocks, null, 2)}</pre>}
        </>
      )}
    </article>
  );
}
