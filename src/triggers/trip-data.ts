import type { DeployedTrigger } from '../api/schemas/triggers.js';
import { UsageError } from '../errors/cli-error.js';
import { isObject } from '../lib/is-object.js';
import { lineColumnAt, locateJsonError } from '../lib/json-error.js';

/**
 * A trip's data as the user wrote it (`--inputs`, or the text of `--inputs-file`): a JSON object, or an exit 2
 * that says where the text goes wrong. `label` names the input in the message ("--inputs", "--inputs-file x.json").
 */
export function parseTripData(text: string, label: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    const { offset, expected } = locateJsonError(text);
    const { line, column, lineText } = lineColumnAt(text, offset);
    const at = text.includes('\n') ? `line ${line}, column ${column}` : `column ${column}`;
    const found = offset >= text.length ? 'the end' : JSON.stringify(text[offset]);
    throw new UsageError(`${label} is not valid JSON: expected ${expected} at ${at}, found ${found}`, {
      code: 'invalid_inputs',
      hint: `Wrap the JSON in single quotes so the shell keeps its double quotes: --inputs '{"name": "Ada"}'.`,
      details: [lineText, `${' '.repeat(column - 1)}^`],
    });
  }
  if (!isObject(value)) {
    throw new UsageError(`${label} must be a JSON object (the trip's data, read by the trigger's {{data.…}} inputs), got ${kindOf(value)}`, {
      code: 'invalid_inputs',
      hint: `Pass an object: --inputs '{"name": "Ada"}'.`,
    });
  }
  return value;
}

const kindOf = (v: unknown) => (Array.isArray(v) ? 'an array' : v === null ? 'null' : `a ${typeof v}`);

const DATA_REFERENCE = /\{\{\s*data\.([A-Za-z0-9_$-]+)/g;

/** The keys of the trip's data the trigger's inputs read (`{{data.name}}` → `name`), in the order they appear. */
export function dataKeysRead(t: DeployedTrigger): string[] {
  const keys = new Set<string>();
  for (const input of Object.values(t.inputs ?? {})) {
    const text = typeof input.value === 'string' ? input.value : JSON.stringify(input.value ?? null);
    for (const m of text.matchAll(DATA_REFERENCE)) keys.add(m[1] as string);
  }
  return [...keys];
}
