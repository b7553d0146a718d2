import type { AppRow } from '../apps/index.js';
import type { Item } from './datastore-store.js';
import { isObject } from '../../lib/is-object.js';
import { MethodError } from '../errors.js';

/** A datastore as the app's manifest declares it. */
export interface DatastoreDef {
  name: string;
  primaryKey: string;
  /** Attribute name → declared type. */
  attributes: Map<string, string>;
}

export interface ErrorDetail {
  code: string;
  message: string;
  pointer: string;
  item?: Item;
}

/** DynamoDB's item size limit; an item is measured as its JSON text (DynamoDB counts its own encoding). */
export const MAX_ITEM_BYTES = 400 * 1024;

/** DynamoDB nests lists and maps at most 32 levels deep. */
export const MAX_NESTING = 32;

/**
 * Whether lists and maps inside `v` nest deeper than `max`. Iterative: the values it
 * guards against would overflow the stack of anything recursive (JSON.stringify included).
 */
export function nestsDeeperThan(v: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[v, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (value === null || typeof value !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The `datastore_error` answer, with what went wrong in `errors`. */
export const datastoreError = (errors: ErrorDetail[]) => new MethodError('datastore_error', { errors });

export function datastoreOf(app: AppRow, name: string): DatastoreDef {
  const all = app.manifest.datastores;
  const raw = isObject(all) && Object.hasOwn(all, name) ? all[name] : undefined;
  if (!isObject(raw) || typeof raw.primary_key !== 'string') {
    throw datastoreError([{ code: 'datastore_config_not_found', message: `The app has no datastore named "${name}"`, pointer: '/datastores' }]);
  }
  const attributes = new Map<string, string>();
  if (isObject(raw.attributes)) {
    for (const [attr, spec] of Object.entries(raw.attributes)) attributes.set(attr, isObject(spec) && typeof spec.type === 'string' ? spec.type : '');
  }
  return { name, primaryKey: raw.primary_key, attributes };
}

type Check = (v: unknown) => boolean;
const isString: Check = (v) => typeof v === 'string';
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const isArray: Check = (v) => Array.isArray(v);
const anything: Check = () => true;

const CHECKS: Record<string, Check> = {
  string: isString,
  integer: (v) => Number.isInteger(v),
  number: isNumber,
  boolean: (v) => typeof v === 'boolean',
  array: isArray,
  object: isObject,
  'slack#/types/user_id': isString,
  'slack#/types/channel_id': isString,
  'slack#/types/usergroup_id': isString,
  'slack#/types/team_id': isString,
  'slack#/types/file_id': isString,
  'slack#/types/date': isString,
  'slack#/types/message_ts': isString,
  'slack#/types/timestamp': isNumber,
  'slack#/types/blocks': isArray,
  'slack#/types/rich_text': isObject,
  'slack#/types/expanded_rich_text': isObject,
  'slack#/types/message_context': isObject,
  'slack#/types/user_context': isObject,
  'slack#/types/interactivity': isObject,
};

/** Custom types (`#/types/…`) and Slack types this table does not know take any value. */
const checkFor = (type: string): Check => CHECKS[type] ?? anything;

/** Escapes a name for a JSON pointer (RFC 6901). */
const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * What is wrong with an item: a missing or non-string primary key, attributes the manifest
 * does not declare, values of the wrong type, too big. Null clears an attribute of any type.
 */
export function itemProblems(def: DatastoreDef, item: Item, at: string): ErrorDetail[] {
  if (nestsDeeperThan(item, MAX_NESTING)) return [{ code: 'item_too_deep', message: `Lists and maps nest at most ${MAX_NESTING} levels deep`, pointer: at }];
  const problems: ErrorDetail[] = [];
  const key = item[def.primaryKey];
  if (typeof key !== 'string' || key === '') {
    const message = key === undefined ? `The item has no primary key "${def.primaryKey}"` : `The primary key "${def.primaryKey}" must be a non-empty string`;
    problems.push({ code: key === undefined ? 'missing_primary_key' : 'invalid_primary_key', message, pointer: `${at}/${escape(def.primaryKey)}` });
  }
  for (const [attr, value] of Object.entries(item)) {
    if (attr === def.primaryKey) continue;
    const type = def.attributes.get(attr);
    const pointer = `${at}/${escape(attr)}`;
    if (type === undefined) problems.push({ code: 'unknown_attribute', message: `The datastore "${def.name}" has no attribute "${attr}"`, pointer });
    else if (value !== null && !checkFor(type)(value))
      problems.push({ code: 'invalid_attribute_type', message: `Attribute "${attr}" must be of type ${type}, got ${describe(value)}`, pointer });
  }
  if (problems.length === 0 && Buffer.byteLength(JSON.stringify(item)) > MAX_ITEM_BYTES) {
    problems.push({ code: 'item_too_large', message: `The item is larger than the ${MAX_ITEM_BYTES / 1024} KB limit`, pointer: at });
  }
  return problems;
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (Number.isInteger(v)) return 'integer';
  return typeof v;
}
