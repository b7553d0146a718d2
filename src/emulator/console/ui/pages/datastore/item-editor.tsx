import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiProblem, send } from '../../api.js';
import { Problem } from '../../components/load.js';
import { datastoreApi, type Item } from './types.js';

type Shown = { problem: { message: string; hint?: string | undefined; details?: string[] | undefined } } | undefined;

/**
 * One item: its JSON, pretty, to read; or in a text box to edit, or to add a new item. Saving stores it through the
 * console's PUT, which checks it as `apps.datastore.put` does; what it refuses is shown under the box.
 */
export function ItemEditor(props: {
  appId: string;
  datastore: string;
  primaryKey: string;
  /** The item to show, or undefined to add one. */
  item: Item | undefined;
  onSaved: (item: Item) => void;
  onClose: () => void;
}) {
  const { item, primaryKey } = props;
  const adding = item === undefined;
  const [editing, setEditing] = useState(adding);
  const [text, setText] = useState(() => JSON.stringify(item ?? { [primaryKey]: '' }, null, 2));
  const [shown, setShown] = useState<Shown>(undefined);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (editing) box.current?.focus();
    else heading.current?.focus();
  }, [editing]);
  useEffect(() => {
    // Another item opened in the same panel (or the same one re-read live): show what it is now.
    if (!editing) setText(JSON.stringify(item ?? {}, null, 2));
  }, [item, editing]);

  const save = async (e: Event) => {
    e.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      setShown({ problem: { message: `The text is not JSON: ${err instanceof Error ? err.message : String(err)}`, hint: 'Fix it and save again.' } });
      return;
    }
    if (!adding && typeof parsed === 'object' && parsed !== null && (parsed as Item)[primaryKey] !== item?.[primaryKey]) {
      setShown({
        problem: {
          message: `The primary key "${primaryKey}" cannot change while editing an item.`,
          hint: 'To store the item under another key, add a new item, then delete this one.',
        },
      });
      return;
    }
    setBusy(true);
    try {
      const answer = await send<{ item: Item }>('PUT', datastoreApi(props.appId, props.datastore, 'items'), { item: parsed });
      setShown(undefined);
      setEditing(false);
      props.onSaved(answer.item);
    } catch (err) {
      setShown({ problem: err instanceof ApiProblem ? err : { message: 'The emulator did not answer. Is it still running?' } });
    } finally {
      setBusy(false);
    }
  };

  const title = adding ? 'New item' : `Item ${String(item?.[primaryKey])}`;
  return (
    <section class="card item-editor" aria-labelledby="item-editor-title">
      <h2 id="item-editor-title" tabIndex={-1} ref={heading}>
        {title}
      </h2>
      {editing ? (
        <form onSubmit={save}>
          <label for="item-json">The item’s JSON</label>
          <textarea
            id="item-json"
            ref={box}
            class="mono"
            rows={Math.min(24, Math.max(6, text.split('\n').length + 1))}
            spellcheck={false}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          {shown && <Problem problem={shown.problem} />}
          <div class="buttons">
            <button type="submit" disabled={busy}>
              {adding ? 'Add item' : 'Save'}
            </button>
            <button type="button" class="secondary" onClick={adding ? props.onClose : () => (setEditing(false), setShown(undefined))}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <pre class="item-json">{text}</pre>
          <div class="buttons">
            <button type="button" onClick={() => setEditing(true)}>
              Edit
            </button>
            <button type="button" class="secondary" onClick={props.onClose}>
              Close
            </button>
          </div>
        </>
      )}
    </section>
  );
}
