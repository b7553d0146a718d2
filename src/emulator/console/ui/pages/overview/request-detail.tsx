import { Time, duration } from '../../components/format.js';
import { Await, useJson } from '../../components/load.js';
import type { CallDetail } from './types.js';

/** One call's params and answer (redacted by the emulator), read when asked for. */
export function RequestDetail({ seq, onClose }: { seq: number; onClose: () => void }) {
  const loaded = useJson<{ call: CallDetail }>(`requests/${seq}`);
  return (
    <section class="card request-detail" aria-labelledby="request-detail-title">
      <div class="request-detail-head">
        <h3 id="request-detail-title">Call #{seq}</h3>
        <button type="button" class="secondary" onClick={onClose}>
          Close details
        </button>
      </div>
      <Await loaded={loaded}>
        {({ call }) => (
          <>
            <dl class="facts">
              <dt>Method</dt>
              <dd class="mono">{call.method}</dd>
              <dt>Caller</dt>
              <dd>{call.caller.label}</dd>
              <dt>Result</dt>
              <dd>
                <Result call={call} /> (HTTP {call.status === 0 ? 'connection dropped' : call.status})
              </dd>
              <dt>At</dt>
              <dd>
                <Time ms={call.at} />
              </dd>
              <dt>Duration</dt>
              <dd>{duration(call.duration_ms)}</dd>
            </dl>
            {call.truncated && <p class="muted">Long values are cut short (marked …[truncated]); secrets show as [redacted].</p>}
            <h4>Parameters</h4>
            <pre class="json" tabIndex={0} aria-label={`Parameters of call ${seq}`}>
              {JSON.stringify(call.params, null, 2)}
            </pre>
            <h4>Answer</h4>
            <pre class="json" tabIndex={0} aria-label={`Answer of call ${seq}`}>
              {JSON.stringify(call.answer, null, 2)}
            </pre>
          </>
        )}
      </Await>
    </section>
  );
}

/** ok or the error code, with a mark so colour is not the only sign. */
export function Result({ call }: { call: { ok: boolean; error?: string | undefined } }) {
  return call.ok ? <span class="result-ok">✓ ok</span> : <span class="result-error">✗ {call.error ?? 'error'}</span>;
}
