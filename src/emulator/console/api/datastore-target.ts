import type { AppRow } from '../../apps/index.js';
import { isHosted } from '../../apps/index.js';
import { datastoreOf } from '../../datastore/index.js';
import type { EmulatorDeps } from '../../deps.js';
import { MethodError } from '../../errors.js';
import { isObject } from '../../../lib/is-object.js';
import { checkWhereAttributes, compileWhere, InvalidWhere, WHERE_HINT, type CompiledWhere } from '../../../lib/where/index.js';
import { ConsoleError } from '../reply.js';

/** One app's datastore as the console shows it: the manifest's attributes are the table's columns, primary key first. */
export interface DatastoreTarget {
  app: AppRow;
  name: string;
  primaryKey: string;
  attributes: { name: string; type: string }[];
}

/** The app and datastore a console request names; a problem naming what exists when either is not there. */
export function datastoreTarget(deps: EmulatorDeps, appId: string, name: string): DatastoreTarget {
  const app = deps.store.apps.get(appId);
  if (!app) {
    const apps = deps.store.apps.appsOf(deps.user.id);
    throw new ConsoleError(404, 'app_not_found', `There is no app ${appId} in this emulator.`, {
      hint: apps.length > 0 ? `Its apps: ${apps.join(', ')}.` : 'It has no apps yet: `rosi deploy` creates one.',
    });
  }
  if (!isHosted(app.manifest)) {
    throw new ConsoleError(409, 'app_not_hosted', `App ${appId} does not run on Slack's platform, so it has no datastores.`, {
      hint: 'Datastores belong to apps whose manifest says "function_runtime": "slack".',
    });
  }
  let def;
  try {
    def = datastoreOf(app, name);
  } catch (e) {
    if (!(e instanceof MethodError)) throw e;
    const names = isObject(app.manifest.datastores) ? Object.keys(app.manifest.datastores) : [];
    throw new ConsoleError(404, 'datastore_not_found', `App ${appId} has no datastore "${name}".`, {
      hint: names.length > 0 ? `Its datastores: ${names.join(', ')}.` : 'Its manifest declares none: add one under "datastores" and deploy.',
    });
  }
  const attributes = [{ name: def.primaryKey, type: def.attributes.get(def.primaryKey) ?? 'string' }];
  for (const [attr, type] of def.attributes) if (attr !== def.primaryKey) attributes.push({ name: attr, type });
  return { app, name: def.name, primaryKey: def.primaryKey, attributes };
}

/**
 * The filter box's text compiled as `rosi datastore query --where` compiles it (lib/where/): the same syntax, and
 * a mistake answered with the CLI's own message, the condition with a caret under it, and the fix when there is one.
 * Empty means every item.
 */
export function filterOf(t: DatastoreTarget, where: string | null): CompiledWhere | Record<string, never> {
  if (where === null || where.trim() === '') return {};
  try {
    const compiled = compileWhere(where);
    checkWhereAttributes(
      where,
      t.name,
      t.attributes.map((a) => a.name),
    );
    return compiled;
  } catch (e) {
    if (!(e instanceof InvalidWhere)) throw e;
    throw new ConsoleError(400, 'invalid_where', e.message, {
      details: e.details,
      hint: e.fixed === undefined ? WHERE_HINT : `Did you mean ${e.fixed}? ${WHERE_HINT}`,
    });
  }
}

/** Throws a datastore method's refusal (its `ok:false` answer, as the Web API gives it) as a console problem; anything else as it is. */
export function rethrowAsProblem(e: unknown, what: string): never {
  if (!(e instanceof MethodError)) throw e;
  if (e.code === 'invalid_cursor') {
    throw new ConsoleError(400, 'invalid_cursor', 'The cursor is not one this page gave out for this datastore.', {
      hint: 'Start again from the first page.',
    });
  }
  const errors = Array.isArray(e.extra.errors) ? e.extra.errors.filter(isObject) : [];
  const details = errors.map((d) => `${String(d.pointer ?? '')}: ${String(d.code ?? '')}: ${String(d.message ?? '')}`);
  throw new ConsoleError(400, e.code, `${what}: the datastore answered ${e.code}${errors.length > 0 ? ` (${String(errors[0]?.message)})` : ''}.`, {
    ...(details.length > 0 ? { details } : {}),
    hint: 'The checks are apps.datastore.*’s own: the item’s primary key is a non-empty string, attributes are the manifest’s with their types, at most 400 KB.',
  });
}
