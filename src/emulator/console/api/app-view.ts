import { isHosted, type AppRow } from '../../apps/index.js';
import { datastoreOf } from '../../datastore/index.js';
import type { EmulatorDeps } from '../../deps.js';
import { appVariableNames } from '../../variables/index.js';
import { isObject } from '../../../lib/is-object.js';
import type { AppView, Person } from '../ui/pages/app/types.js';
import { triggerViews } from './app-triggers.js';

/** How many of the app's newest workflow executions the page lists (the activity page has them all). */
export const RECENT_EXECUTIONS = 20;

export function appName(app: AppRow): string {
  const info = app.manifest.display_information;
  return isObject(info) && typeof info.name === 'string' && info.name !== '' ? info.name : app.id;
}

export function appView(app: AppRow, deps: EmulatorDeps): AppView {
  const user = (id: string): Person => ({ id, name: deps.store.user(id)?.name ?? null });
  return {
    app: {
      id: app.id,
      name: appName(app),
      team: { id: app.team_id, name: deps.store.team(app.team_id)?.name ?? null },
      owner: user(app.owner_id),
      hosted: isHosted(app.manifest),
      created_at: app.created_at,
      updated_at: app.updated_at,
    },
    manifest: app.manifest,
    // Newest first, as a deploy history reads.
    deployments: deps.store.uploads
      .deployments(app.id)
      .reverse()
      .map((d) => ({
        version: d.version,
        deployed_at: d.deployed_at,
        deployed_by: user(d.deployed_by),
        runtime: d.runtime,
        zip_size: d.zip_size,
        file_count: d.file_count,
      })),
    datastores: datastores(app, deps),
    triggers: triggerViews(app, deps),
    variable_names: appVariableNames(deps, app.id),
    executions: deps.store.workflows.workflowsOf(app.id, RECENT_EXECUTIONS).map((x) => ({
      id: x.id,
      trace_id: x.trace_id,
      workflow: x.callback_id,
      trigger_id: x.trigger_id,
      status: x.status,
      error: x.error,
      started_at: x.started_at,
      ended_at: x.ended_at,
    })),
  };
}

function datastores(app: AppRow, deps: EmulatorDeps): AppView['datastores'] {
  const declared = isObject(app.manifest.datastores) ? Object.keys(app.manifest.datastores) : [];
  return declared.map((name) => {
    const items = deps.store.items.count(app.id, name);
    try {
      const def = datastoreOf(app, name);
      return { name, primary_key: def.primaryKey, attributes: [...def.attributes].map(([attr, type]) => ({ name: attr, type })), items };
    } catch {
      // A datastore the manifest declares without a primary key: its methods refuse it, the page still lists it.
      return { name, primary_key: null, attributes: [], items };
    }
  });
}
