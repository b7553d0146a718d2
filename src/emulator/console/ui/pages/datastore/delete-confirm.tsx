import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiProblem, send } from '../../api.js';
import { Problem } from '../../components/load.js';
import { datastoreApi } from './types.js';

/** The confirm step before a delete: says which item goes, and that nothing brings it back. */
export function DeleteConfirm(props: { appId: string; datastore: string; id: string; onDone: (deleted: boolean) => void }) {
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  const remove = async () => {
    setBusy(true);
    try {
      await send('DELETE', datastoreApi(props.appId, props.datastore, `items/${encodeURIComponent(props.id)}`));
      props.onDone(true);
    } catch (e) {
      setProblem(e instanceof ApiProblem ? e : new ApiProblem(0, 'unreachable', 'The emulator did not answer. Is it still running?'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card confirm" role="alertdialog" aria-labelledby="delete-title" aria-describedby="delete-what">
      <h2 id="delete-title">Delete this item?</h2>
      <p id="delete-what">
        The item <code>{props.id}</code> is deleted from {props.datastore} for good, as <code>rosi datastore delete</code> would.
      </p>
      {problem && <Problem problem={problem} />}
      <div class="buttons">
        <button type="button" class="danger" disabled={busy} onClick={remove}>
          Delete {props.id}
        </button>
        <button type="button" class="secondary" ref={cancel} onClick={() => props.onDone(false)}>
          Cancel
        </button>
      </div>
    </section>
  );
}
