import type { ConsoleTraceNode } from '../activity/wire.js';

interface Row {
  node: ConsoleTraceNode;
  depth: number;
  /** What the function printed while it ran, shown beside its bar. */
  output: string[];
}

const isOutput = (n: ConsoleTraceNode) => n.kind === 'event' && n.events[0]?.event_type === 'function_execution_output';
const logOf = (n: ConsoleTraceNode) => {
  const log = n.events[0]?.payload.log;
  return typeof log === 'string' ? log.replace(/\n+$/, '') : JSON.stringify(log ?? '');
};

/** The tree as rows in the order things happened, a function's printed lines folded into its own row. */
function rowsOf(nodes: ConsoleTraceNode[], depth = 0, out: Row[] = []): Row[] {
  for (const node of nodes) {
    if (isOutput(node) && depth > 0) continue;
    out.push({ node, depth, output: node.children.filter(isOutput).map(logOf) });
    rowsOf(
      node.children.filter((c) => !isOutput(c)),
      depth + 1,
      out,
    );
  }
  return out;
}

const STATUS = {
  ok: { mark: '✓', word: 'completed' },
  failed: { mark: '✗', word: 'failed' },
  unfinished: { mark: '…', word: 'no result yet' },
} as const;

function Status({ node }: { node: ConsoleTraceNode }) {
  if (node.kind === 'event') {
    return node.status === 'failed' ? (
      <span class="status status-failed">
        <span aria-hidden="true">✗ </span>failed
      </span>
    ) : null;
  }
  const s = STATUS[node.status];
  return (
    <span class={`status status-${node.status}`}>
      <span aria-hidden="true">{s.mark} </span>
      {s.word}
    </span>
  );
}

/** A bar on the trace's time axis: where the node starts and how long it ran, as shares of the whole trace. */
function Bar({ node, span }: { node: ConsoleTraceNode; span: number }) {
  const start = node.start ?? node.end ?? 0;
  const end = node.end ?? node.start ?? start;
  const whole = Math.max(span, 1);
  const left = (start / whole) * 100;
  const width = Math.max(((end - start) / whole) * 100, 0.6);
  return (
    <div class="track" aria-hidden="true">
      {/* Set through the style object (the DOM's style properties), which the page's style-src policy allows. */}
      <div
        class={`bar bar-${node.kind} bar-${node.status}`}
        style={{ left: `${Math.min(left, 99.4)}%`, width: `${Math.min(width, 100 - Math.min(left, 99.4))}%` }}
      />
    </div>
  );
}

function Payloads({ node }: { node: ConsoleTraceNode }) {
  if (node.events.length === 0) return null;
  const what = node.kind === 'step' || node.kind === 'function' ? 'Inputs, outputs and entries' : 'Entries';
  return (
    <details class="payloads">
      <summary>{what}</summary>
      {node.events.map((e) => (
        <div key={e.id}>
          <p class="mono event-type">{e.event_type}</p>
          <pre class="payload">{JSON.stringify(e.payload, null, 2)}</pre>
        </div>
      ))}
    </details>
  );
}

/**
 * One execution as a timeline: trigger → workflow → steps → functions → what they did, each with its bar on the
 * trace's time axis, its duration, and its status in words and marks as well as colour. A failed span says why.
 */
export function Timeline({ nodes, span, duration }: { nodes: ConsoleTraceNode[]; span: number; duration: string }) {
  const rows = rowsOf(nodes);
  return (
    <table class="grid timeline">
      <caption class="visually-hidden">The execution’s steps in the order they happened, with when each started and how long it took</caption>
      <thead>
        <tr>
          <th scope="col">What ran</th>
          <th scope="col" class="axis">
            <span>Timeline</span>
            <span class="axis-ends" aria-hidden="true">
              <span>0</span>
              <span>{duration}</span>
            </span>
          </th>
          <th scope="col">Took</th>
          <th scope="col">Output</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ node, depth, output }, i) => (
          <tr key={`${i}-${node.label}`} class={node.status === 'failed' ? 'failed' : undefined} data-kind={node.kind}>
            <th scope="row" class={`depth-${Math.min(depth, 5)}`}>
              <span class="label">{node.label}</span> <Status node={node} />
              {node.component_id !== '' && node.kind !== 'event' && <span class="mono muted component"> {node.component_id}</span>}
              {node.error !== undefined && node.error !== '' && <p class="error">Error: {node.error}</p>}
              <Payloads node={node} />
            </th>
            <td class="axis">
              <Bar node={node} span={span} />
              {node.start !== undefined && <span class="visually-hidden">starts {Math.round(node.start / 1000)} ms in</span>}
            </td>
            <td class="nowrap">{node.duration ?? (node.kind === 'event' ? '' : '—')}</td>
            <td class="output">
              {output.map((log, j) => (
                <pre key={j} class="log">
                  {log}
                </pre>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
