import type { ResponseOf } from '../../api/methods.js';
import { isObject } from '../../lib/is-object.js';
import { variableNameProblem, variableValueProblem } from '../../lib/variable-rules.js';
import { authenticateForApp, isHosted, type AppRow } from '../apps/index.js';
import type { EmulatorDeps } from '../deps.js';
import { MethodError } from '../errors.js';
import { jsonParam, type Family, type ParsedRequest } from '../http/index.js';
import type { NewVariable } from './variables-store.js';

/*
 * apps.hosted.variables.* (runtime contract §2.1, §6.7). Slack documents no server rules for
 * these methods, so the emulator chooses, and its README says so:
 * - an app that does not run on Slack's infrastructure has none: app_not_hosted;
 * - add upserts, all pairs or none; names follow lib/variable-rules.ts, values are at most
 *   --max-variable-size bytes (default 32 KiB) and hold no NUL; an empty value is allowed;
 * - remove of a name the app does not have is ok:true;
 * - a new value applies to the next execution, with no redeploy.
 * Values are never answered, logged or put in an error: an error names the entry by pointer.
 */

/** The token's access to the app (invalid_arguments without app_id, invalid_app_id without access), and a hosted app. */
function hostedApp(req: ParsedRequest, deps: EmulatorDeps): AppRow {
  const { app } = authenticateForApp(req, deps);
  if (!isHosted(app.manifest)) throw new MethodError('app_not_hosted');
  return app;
}

/** A refused entry, said as Slack says field errors: a code, a message and a JSON pointer. */
const invalid = (code: string, message: string, pointer: string) => new MethodError('invalid_arguments', { errors: [{ code, message, pointer }] });

function variablesParam(req: ParsedRequest, maxValueBytes: number): NewVariable[] {
  const list = jsonParam(req, 'variables');
  if (!Array.isArray(list) || list.length === 0) throw new MethodError('invalid_arguments');
  return list.map((v: unknown, i) => {
    const at = `/variables/${i}`;
    if (!isObject(v) || typeof v.name !== 'string' || typeof v.value !== 'string') {
      throw invalid('invalid_variable', 'Each variable is an object with a string name and a string value', at);
    }
    const nameProblem = variableNameProblem(v.name);
    if (nameProblem) throw invalid('invalid_name', `The name ${JSON.stringify(v.name)} is refused: ${nameProblem}`, `${at}/name`);
    const valueProblem = variableValueProblem(v.value, maxValueBytes);
    if (valueProblem) throw invalid('invalid_value', `The value of ${v.name} is refused: ${valueProblem}`, `${at}/value`);
    return { name: v.name, value: v.value };
  });
}

function add(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'apps.hosted.variables.add'> {
  const app = hostedApp(req, deps);
  deps.store.variables.upsert(app.id, variablesParam(req, deps.variables.maxValueBytes), deps.now());
  return {};
}

function list(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'apps.hosted.variables.list'> {
  const app = hostedApp(req, deps);
  return { variable_names: deps.store.variables.names(app.id) };
}

function remove(req: ParsedRequest, deps: EmulatorDeps): ResponseOf<'apps.hosted.variables.remove'> {
  const app = hostedApp(req, deps);
  const names = jsonParam(req, 'variable_names');
  if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === 'string')) throw new MethodError('invalid_arguments');
  deps.store.variables.remove(app.id, names);
  return {};
}

export const variablesFamily: Family = {
  'apps.hosted.variables.add': add,
  'apps.hosted.variables.list': list,
  'apps.hosted.variables.remove': remove,
};
