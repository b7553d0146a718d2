import { useState } from 'preact/hooks';
import { ApiProblem, send } from '../../api.js';
import { Problem } from '../../components/load.js';
import { paths } from '../../router.js';
import { dataSkeleton, parseData } from './fire-data.js';
import type { TriggerView } from './types.js';

type Outcome =
  | { state: 'idle' }
  | { state: 'firing' }
  | { state: 'started'; trace_id: string; workflow_execution_id: string }
  | { state: 'failed'; problem: { message: string; hint?: string | undefined; details?: string[] | undefined } };

/**
 * Fires the trigger now with the data typed in: a webhook's data is the body its caller would post, a link or
 * scheduled trigger's is added to what a click or the clock would give. Links to the new execution's trace.
 */
export function FireForm({ appId, trigger }: { appId: string; trigger: TriggerView }) {
  const [text, setText] = useState(() => dataSkeleton(trigger.data_paths));
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const id = `fire-${trigger.id}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    const parsed = parseData(text);
    if ('problem' in parsed) return setOutcome({ state: 'failed', problem: { message: parsed.problem } });
    setOutcome({ state: 'firing' });
    try {
      const r = await send<{ workflow_execution_id: string; trace_id: string }>(
        'POST',
        `apps/${encodeURIComponent(appId)}/triggers/${encodeURIComponent(trigger.id)}/fire`,
        { data: parsed.data },
      );
      setOutcome({ state: 'started', ...r });
    } catch (err) {
      setOutcome({ state: 'failed', problem: err instanceof ApiProblem ? err : { message: 'The emulator did not answer. Is it still running?' } });
    }
  };
  return (
    <form class="fire" onSubmit={submit} aria-labelledby={`${id}-legend`}>
      <p id={`${id}-legend`} class="fire-title">
        Fire {trigger.name} now
      </p>
      <label for={`${id}-data`}>Data (JSON object{trigger.type === 'webhook' ? ', the body a webhook call would post' : ''})</label>
      <textarea
        id={`${id}-data`}
        rows={Math.min(8, Math.max(3, text.split('\n').length))}
        spellcheck={false}
        value={text}
        aria-invalid={outcome.state === 'failed'}
        aria-describedby={outcome.state === 'failed' ? `${id}-problem` : undefined}
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
      />
      <div>
        <button type="submit" disabled={outcome.state === 'firing'}>
          {outcome.state === 'firing' ? 'Firing…' : 'Fire trigger'}
        </button>
      </div>
      <div aria-live="polite">
        {outcome.state === 'started' && (
          <p class="started" data-testid="fired">
            ✓ Started execution <code>{outcome.workflow_execution_id}</code>: <a href={paths.trace(appId, outcome.trace_id)}>trace {outcome.trace_id}</a>
          </p>
        )}
        {outcome.state === 'failed' && (
          <div id={`${id}-problem`}>
            <Problem problem={outcome.problem} />
          </div>
        )}
      </div>
    </form>
  );
}
