import { UsageError } from '../errors/cli-error.js';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../lib/json-depth.js';
import { lineColumnAt, locateJsonError } from '../lib/json-error.js';
import { isObject } from '../lib/is-object.js';

export type Item = Record<string, unknown>;

export { hasPrimaryKey } from '../lib/item-lines.js';
export type Verb = 'put' | 'update' | 'get' | 'delete' | 'query' | 'count' | 'bulk-put' | 'bulk-get' | 'bulk-delete';

/** The JSON expression of the official CLI's datastore commands (contract §6.3), `app` and all. */
export interface DatastoreExpression {
  app?: string;
  datastore?: string;
  item?: Item;
  items?: Item[];
  id?: string;
  ids?: string[];
  expression?: string;
  expression_attributes?: Record<string, string>;
  expression_values?: Record<string, unknown>;
  limit?: number;
  cursor?: string;
}
export type ExpressionKey = keyof DatastoreExpression;

/** In the order `--show` prints them. */
export const EXPRESSION_KEYS: readonly ExpressionKey[] = [
  'app',
  'datastore',
  'item',
  'items',
  'id',
  'ids',
  'expression',
  'expression_attributes',
  'expression_values',
  'limit',
  'cursor',
];

const FILTER: readonly ExpressionKey[] = ['expression', 'expression_attributes', 'expression_values'];
/** The keys each command reads; the official CLI ignores the rest, rosi refuses them. */
export const VERB_KEYS: Readonly<Record<Verb, readonly ExpressionKey[]>> = {
  put: ['app', 'datastore', 'item'],
  update: ['app', 'datastore', 'item'],
  get: ['app', 'datastore', 'id'],
  delete: ['app', 'datastore', 'id'],
  'bulk-put': ['app', 'datastore', 'items'],
  'bulk-get': ['app', 'datastore', 'ids'],
  'bulk-delete': ['app', 'datastore', 'ids'],
  query: ['app', 'datastore', ...FILTER, 'limit', 'cursor'],
  count: ['app', 'datastore', ...FILTER],
};

export { isObject };
type Check = (v: unknown) => string | undefined;
const CHECKS: Record<ExpressionKey, Check> = {
  app: (v) => (typeof v === 'string' ? undefined : 'a string (an app ID)'),
  datastore: (v) => (typeof v === 'string' && v !== '' ? undefined : 'a non-empty string'),
  item: (v) => (isObject(v) ? undefined : 'an object'),
  items: (v) => (Array.isArray(v) && v.every(isObject) ? undefined : 'an array of objects'),
  id: (v) => (typeof v === 'string' ? undefined : 'a string'),
  ids: (v) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? undefined : 'an array of strings'),
  expression: (v) => (typeof v === 'string' ? undefined : 'a string'),
  expression_attributes: (v) => (isObject(v) && Object.values(v).every((x) => typeof x === 'string') ? undefined : 'an object of "#name": "attribute" strings'),
  expression_values: (v) => (isObject(v) ? undefined : 'an object of ":name": value pairs'),
  limit: (v) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? undefined : 'a positive whole number'),
  cursor: (v) => (typeof v === 'string' ? undefined : 'a string'),
};

/**
 * Parses and checks the JSON-expression argument of `rosi datastore <verb>` before
 * anything is sent. Keys match case-insensitively, as in the official CLI; unlike it, a key
 * the command does not read is an error rather than silently dropped.
 *
 * @throws UsageError `invalid_datastore_expression` (exit 2) naming the position of a JSON
 *   mistake, the unknown key, or the value of the wrong type.
 */
export function parseExpression(text: string, verb: Verb): DatastoreExpression {
  const json = parseJson(text, 'The expression', verb);
  if (!isObject(json)) throw invalid(`The expression must be a JSON object, like '{"id": "42"}'; got ${Array.isArray(json) ? 'an array' : typeof json}`, verb);
  const allowed = VERB_KEYS[verb];
  const out: Record<string, unknown> = {};
  const seen = new Map<ExpressionKey, string>();
  for (const [raw, value] of Object.entries(json)) {
    const key = EXPRESSION_KEYS.find((k) => k === raw.toLowerCase());
    if (!key || !allowed.includes(key)) {
      const why = key ? `is not used by \`rosi datastore ${verb}\`` : 'is not a datastore expression key';
      throw invalid(`"${raw}" ${why}; the keys it takes are ${allowed.join(', ')}`, verb);
    }
    const before = seen.get(key);
    if (before !== undefined) throw invalid(`"${before}" and "${raw}" name the same key`, verb);
    seen.set(key, raw);
    const problem = CHECKS[key](value);
    if (problem) throw invalid(`"${raw}" must be ${problem}`, verb);
    out[key] = value;
  }
  return out as DatastoreExpression;
}

/** The expression as `--show` prints it: keys in a fixed order, empty ones left out. */
export function orderedExpression(e: DatastoreExpression): DatastoreExpression {
  const out: Record<string, unknown> = {};
  for (const k of EXPRESSION_KEYS) if (!isEmpty(e[k])) out[k] = e[k];
  return out as DatastoreExpression;
}

/** Empty fields are left off the wire (contract §6.2). */
export function isEmpty(v: unknown): boolean {
  return v === undefined || v === '' || v === 0 || (isObject(v) && Object.keys(v).length === 0) || (Array.isArray(v) && v.length === 0);
}

export function invalid(message: string, verb: Verb, details?: string[]): UsageError {
  return new UsageError(message, {
    code: 'invalid_datastore_expression',
    hint: `See the examples in \`rosi datastore ${verb} --help\`, or build one with its flags and --show.`,
    details,
  });
}

/**
 * JSON.parse with an error that says where the text goes wrong (`label` names the input:
 * "The expression", "--item", "Line 3 of items.jsonl"). Nesting is capped at MAX_JSON_DEPTH:
 * deeper JSON parses, then overflows the stack of whatever walks it next.
 */
export function parseJson(text: string, label: string, verb: Verb): unknown {
  let v: unknown;
  try {
    v = JSON.parse(text) as unknown;
  } catch {
    throw jsonError(text, label, verb);
  }
  if (jsonDepthExceeds(v, MAX_JSON_DEPTH)) {
    throw new UsageError(`${label} nests more than ${MAX_JSON_DEPTH} levels deep`, {
      code: 'invalid_datastore_expression',
      hint: `Flatten it: a datastore item nests at most 32 levels (lists and maps).`,
    });
  }
  return v;
}

function jsonError(text: string, label: string, verb: Verb): UsageError {
  const { offset, expected } = locateJsonError(text);
  const { line, column, lineText } = lineColumnAt(text, offset);
  const at = text.includes('\n') ? `line ${line}, column ${column}` : `column ${column}`;
  const found = offset >= text.length ? 'the end' : JSON.stringify(text[offset]);
  return new UsageError(`${label} is not valid JSON: expected ${expected} at ${at}, found ${found}`, {
    code: 'invalid_datastore_expression',
    hint: `Wrap JSON in single quotes so the shell keeps its double quotes: rosi datastore ${verb} '{"datastore": "tasks", …}'.`,
    details: [lineText, `${' '.repeat(column - 1)}^`],
  });
}

/** A positional argument that is a JSON object rather than an ID. */
export function looksLikeJson(arg: string): boolean {
  return arg.trimStart().startsWith('{');
}
