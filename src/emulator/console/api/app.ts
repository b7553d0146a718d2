import type { AppRow } from '../../apps/index.js';
import type { EmulatorDeps } from '../../deps.js';
import { deploymentFiles } from '../../hosting/index.js';
import { fireTrigger, findTrigger } from '../../triggers/index.js';
import { isObject } from '../../../lib/is-object.js';
import { readJson } from '../body.js';
import { ConsoleError, sendConsoleJson } from '../reply.js';
import type { ConsoleRoute } from '../route.js';
import { appView } from './app-view.js';
import { appFlags } from '../cli-flags.js';

/** The app page's endpoints: the app with everything the page shows, a deployment's files, and firing a trigger. */
export const APP_ROUTES: readonly ConsoleRoute[] = [
  {
    method: 'GET',
    path: /^apps\/([^/]+)$/,
    handle: ({ res, params, deps }) => sendConsoleJson(res, 200, appView(appOf(deps, params[0] ?? ''), deps)),
  },
  {
    method: 'GET',
    path: /^apps\/([^/]+)\/deployments\/([^/]+)\/files$/,
    async handle({ res, params, deps }) {
      const app = appOf(deps, params[0] ?? '');
      const version = Number(params[1]);
      const files = Number.isSafeInteger(version) && version > 0 ? await readFiles(deps, app, version) : undefined;
      if (!files) {
        throw new ConsoleError(404, 'deployment_not_found', `The app ${app.id} has no deployment ${params[1] ?? ''}.`, {
          hint: 'The app page lists its deployments by version; `rosi deploy` makes a new one.',
        });
      }
      sendConsoleJson(res, 200, { version, files });
    },
  },
  {
    method: 'POST',
    path: /^apps\/([^/]+)\/triggers\/([^/]+)\/fire$/,
    async handle({ req, res, params, deps }) {
      const app = appOf(deps, params[0] ?? '');
      const trigger = findTrigger(deps, params[1] ?? '');
      if (!trigger || trigger.app_id !== app.id) {
        throw new ConsoleError(404, 'trigger_not_found', `The app ${app.id} has no trigger ${params[1] ?? ''}.`, {
          hint: `\`rosi trigger list ${appFlags(deps, app)}\` lists its triggers.`,
        });
      }
      const data = fireData(await readJson(req));
      const outcome = await fireTrigger(deps, trigger, data);
      if (!outcome.ok) {
        throw new ConsoleError(422, outcome.error, `The trigger ${trigger.id} could not start its workflow: ${outcome.error}.`, {
          details: outcome.errors,
          hint: 'Check the inputs against what the workflow needs: each `{{data.<name>}}` of the trigger’s inputs is a key of the data.',
        });
      }
      sendConsoleJson(res, 200, { workflow_execution_id: outcome.workflow_execution_id, trace_id: outcome.trace_id });
    },
  },
];

/** The app the path names; an unknown one is 404 naming it. */
export function appOf(deps: EmulatorDeps, id: string): AppRow {
  const app = deps.store.apps.get(id);
  if (!app) {
    throw new ConsoleError(404, 'app_not_found', `No such app: ${id}.`, {
      hint: 'Apps are made by `rosi deploy` (or `rosi emulator --manifest`) against this emulator; the overview lists them.',
    });
  }
  return app;
}

/** The trip's data: `{"data": {…}}`, or `{}` for none. */
export function fireData(body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw new ConsoleError(400, 'invalid_body', 'The body must be a JSON object: {"data": {…}}.');
  const data = body.data === undefined ? {} : body.data;
  if (!isObject(data)) {
    throw new ConsoleError(400, 'invalid_data', '"data" must be a JSON object: the trip’s data, each key a `{{data.<key>}}` of the trigger’s inputs.', {
      hint: 'For example {"data": {"name": "Ada"}}.',
    });
  }
  return data;
}

async function readFiles(deps: EmulatorDeps, app: AppRow, version: number) {
  try {
    return await deploymentFiles(deps, app.id, version);
  } catch (e) {
    throw new ConsoleError(500, 'unreadable_deployment', `The zip of deployment ${version} could not be read: ${e instanceof Error ? e.message : String(e)}.`, {
      hint: 'Deploy again with `rosi deploy`.',
    });
  }
}
