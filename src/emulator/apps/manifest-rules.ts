import type { Manifest } from './apps-store.js';
import { isObject } from '../../lib/is-object.js';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../../lib/json-depth.js';

/** One entry of a Slack `errors` or `warnings` list. (A type alias: it must fit the response schemas' open records.) */
export type ManifestIssue = { code: string; message: string; pointer: string };

const PLAIN_TYPES = new Set(['string', 'integer', 'number', 'boolean', 'array', 'object']);
const SLACK_TYPE = /^slack#\/types\/[a-z0-9_]+(\/[a-z0-9_]+)*$/;
/** Slack's limit for an app's display name. */
const MAX_NAME_LENGTH = 35;

/** A JSON pointer (RFC 6901) to the given path. */
export const pointer = (...segments: string[]) => segments.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

export { isObject };
const entries = (v: unknown): [string, unknown][] => (isObject(v) ? Object.entries(v) : []);
const issue = (code: string, message: string, ...path: string[]): ManifestIssue => ({ code, message, pointer: pointer(...path) });

/**
 * The manifest checks Slack makes that a deploy can trip over. Not the whole schema: enough
 * that a broken project fails here, with a pointer, the way it fails on Slack.
 */
export function validateManifest(m: Manifest): ManifestIssue[] {
  // Checked first: a manifest nested thousands deep would overflow every recursive walk after this one.
  if (jsonDepthExceeds(m, MAX_JSON_DEPTH)) return [issue('manifest_too_deep', `The manifest nests deeper than ${MAX_JSON_DEPTH} levels of objects and lists`)];
  return [...checkName(m), ...checkDatastores(m), ...checkFunctions(m)];
}

function checkName(m: Manifest): ManifestIssue[] {
  const name = isObject(m.display_information) ? m.display_information.name : undefined;
  if (typeof name !== 'string' || name.trim() === '') {
    return [issue('missing_required_field', 'The app needs a name: display_information.name is required', 'display_information', 'name')];
  }
  if ([...name].length > MAX_NAME_LENGTH) {
    return [issue('invalid_field_length', `display_information.name must be at most ${MAX_NAME_LENGTH} characters`, 'display_information', 'name')];
  }
  return [];
}

function checkDatastores(m: Manifest): ManifestIssue[] {
  if (m.datastores === undefined) return [];
  if (!isObject(m.datastores)) return [issue('invalid_type', 'datastores must be an object', 'datastores')];
  const customTypes = new Set(Object.keys(isObject(m.types) ? m.types : {}));
  const out: ManifestIssue[] = [];
  for (const [name, ds] of entries(m.datastores)) {
    if (!isObject(ds) || !isObject(ds.attributes) || Object.keys(ds.attributes).length === 0) {
      out.push(issue('missing_required_field', `Datastore "${name}" needs at least one attribute`, 'datastores', name, 'attributes'));
      continue;
    }
    for (const [attr, def] of entries(ds.attributes)) {
      const type = isObject(def) ? def.type : undefined;
      if (!isKnownType(type, customTypes)) {
        out.push(
          issue(
            'invalid_datastore_attribute_type',
            `Attribute "${attr}" of datastore "${name}" has an unknown type ${JSON.stringify(type ?? null)}`,
            'datastores',
            name,
            'attributes',
            attr,
            'type',
          ),
        );
      }
    }
    if (typeof ds.primary_key !== 'string' || !Object.hasOwn(ds.attributes, ds.primary_key)) {
      out.push(issue('invalid_primary_key', `The primary_key of datastore "${name}" must name one of its attributes`, 'datastores', name, 'primary_key'));
    }
  }
  return out;
}

function isKnownType(type: unknown, customTypes: Set<string>): boolean {
  if (typeof type !== 'string') return false;
  if (PLAIN_TYPES.has(type) || SLACK_TYPE.test(type)) return true;
  // A custom type declared in the same manifest's `types` section.
  return type.startsWith('#/types/') && customTypes.has(type.slice('#/types/'.length));
}

function checkFunctions(m: Manifest): ManifestIssue[] {
  const out: ManifestIssue[] = [];
  for (const [id, fn] of entries(m.functions)) {
    const source = isObject(fn) ? fn.source_file : undefined;
    if (typeof source !== 'string' || source.trim() === '') {
      out.push(issue('missing_required_field', `Function "${id}" needs a source_file`, 'functions', id, 'source_file'));
    }
  }
  return out;
}

export interface ManifestChanges {
  /** Datastores the new manifest drops: deploying it deletes their data. */
  removedDatastores: string[];
  /** `breaking_change` warnings: functions and workflows the new manifest drops. */
  warnings: ManifestIssue[];
}

/** What replacing an app's manifest `before` with `after` would break. */
export function compareManifests(before: Manifest, after: Manifest): ManifestChanges {
  const removed = (section: string) =>
    Object.keys(isObject(before[section]) ? before[section] : {}).filter((k) => !isObject(after[section]) || !Object.hasOwn(after[section], k));
  const warnings = [
    ...removed('functions').map((id) =>
      issue('breaking_change', `Function "${id}" will be removed: workflows and triggers that use it stop working`, 'functions', id),
    ),
    ...removed('workflows').map((id) => issue('breaking_change', `Workflow "${id}" will be removed: its triggers stop working`, 'workflows', id)),
  ];
  return { removedDatastores: removed('datastores'), warnings };
}

/** The detail Slack returns when a deploy would delete datastores (the CLI looks for this text). */
export function schemaCompatibilityIssue(datastores: string[]): ManifestIssue {
  return issue(
    'schema_compatibility_error',
    `schema_compatibility_error: Following datastore(s) will be deleted after the deploy: ${datastores.join(', ')}`,
    'datastores',
  );
}

/** Slack-hosted: the manifest says its functions run on Slack's runtime. */
export const isHosted = (m: Manifest) => isObject(m.settings) && m.settings.function_runtime === 'slack';

/** The bot scopes the manifest asks for, when install names none. */
export function manifestBotScopes(m: Manifest): string[] {
  const scopes = isObject(m.oauth_config) && isObject(m.oauth_config.scopes) ? m.oauth_config.scopes.bot : undefined;
  return Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [];
}

/** The IDs of the manifest's functions that have a source_file: each needs compiled code in a bundle. */
export function manifestFunctions(m: Manifest): string[] {
  return entries(m.functions)
    .filter(([, fn]) => isObject(fn) && typeof fn.source_file === 'string' && fn.source_file !== '')
    .map(([id]) => id);
}

/** The app's name as people see it (display_information.name); undefined when the manifest has none. */
export function appName(m: Manifest): string | undefined {
  const name = isObject(m.display_information) ? m.display_information.name : undefined;
  return typeof name === 'string' ? name : undefined;
}
