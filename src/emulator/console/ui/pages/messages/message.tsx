import { useState } from 'preact/hooks';
import { Time } from '../../components/format.js';
import { paths } from '../../router.js';
import type { ShownMessage } from './types.js';

/** The text Slack would show for blocks: each block's text, section fields and context elements, a line each. */
export function blocksText(blocks: unknown[]): string {
  const lines: string[] = [];
  const textOf = (v: unknown) =>
    typeof v === 'object' && v !== null && typeof (v as { text?: unknown }).text === 'string' ? (v as { text: string }).text : undefined;
  for (const b of blocks) {
    if (typeof b !== 'object' || b === null) continue;
    const block = b as { text?: unknown; fields?: unknown; elements?: unknown };
    const own = textOf(block.text);
    if (own !== undefined) lines.push(own);
    for (const part of [block.fields, block.elements]) {
      if (!Array.isArray(part)) continue;
      for (const p of part) {
        const t = textOf(p) ?? (typeof (p as { text?: unknown })?.text === 'object' ? textOf((p as { text: unknown }).text) : undefined);
        if (t !== undefined) lines.push(t);
      }
    }
  }
  return lines.join('\n');
}

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
