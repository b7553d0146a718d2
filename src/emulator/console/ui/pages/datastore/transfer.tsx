import { useState } from 'preact/hooks';
import { ApiProblem, apiPath, send } from '../../api.js';
import { Problem } from '../../components/load.js';
import { datastoreApi } from './types.js';

interface ImportAnswer {
  lines: number;
  stored: number;
  failed: number;
  skipped: number;
  failures: { line: number; reason: string }[];
}

/**
 * Export (the items the filter shows, as `rosi datastore export` writes them) and import (a JSON Lines file, as
 * `rosi datastore import` reads it), with what the import stored and each line it did not, by number.
 */
export function Transfer({ appId, datastore, where }: { appId: string; datastore: string; where: string }) {
  const [result, setResult] = useState<ImportAnswer | undefined>(undefined);
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const upload = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setProblem(undefined);
    setResult(undefined);
    try {
      setResult(await send<ImportAnswer>('POST', datastoreApi(appId, datastore, 'import'), await file.text(), { ndjson: true }));
    } catch (e) {
      setProblem(e instanceof ApiProblem ? e : new ApiProblem(0, 'unreachable', 'The emulator did not answer. Is it still running?'));
    } finally {
      setBusy(false);
      input.value = '';
    }
  };
  return (
    <div class="transfer">
      <a class="button secondary" href={apiPath(datastoreApi(appId, datastore, 'export'), { where })} download>
        {where === '' ? 'Export all as JSON Lines' : 'Export matching as JSON Lines'}
      </a>
      <label class="button secondary file">
        Import JSON Lines…
        <input type="file" accept=".jsonl,.ndjson,.json,application/x-ndjson" disabled={busy} onChange={(e) => upload(e.currentTarget)} />
      </label>
      <div role="status" class="import-result">
        {busy && <p class="muted">Importing…</p>}
        {result && (
          <p>
            Imported {result.lines.toLocaleString('en')} lines: {result.stored.toLocaleString('en')} stored, {result.failed.toLocaleString('en')} failed,{' '}
            {result.skipped.toLocaleString('en')} blank.
          </p>
        )}
      </div>
      {result && result.failures.length > 0 && (
        <Problem
          problem={{
            message: `${result.failed.toLocaleString('en')} ${result.failed === 1 ? 'line was' : 'lines were'} not stored:`,
            details: result.failures.map((f) => `line ${f.line}: ${f.reason}`),
            hint: 'Fix those lines and import them again; the stored ones can stay in the file (the later line wins).',
          }}
        />
      )}
      {problem && <Problem problem={problem} />}
    </div>
  );
}
