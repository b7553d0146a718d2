import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppRow } from './apps-store.js';
import { escapeHtml, layout } from '../auth/index.js';
import { datastoreOf } from '../datastore/index.js';
import type { EmulatorDeps } from '../deps.js';
import { isHosted, isObject } from './manifest-rules.js';
import { sendHtml, sendNotFound } from '../http/index.js';

/** `/apps/<id>`: the dashboard URL `rosi deploy` prints. */
export const APP_PAGE = /^\/apps\/([^/]+)\/?$/;

/**
 * The emulator's stand-in for an app's page on Slack: what the app is, its deployments and
 * its datastores. Read-only and server-rendered, every value escaped; it never shows items.
 */
export function serveAppPage(req: IncomingMessage, res: ServerResponse, url: URL, deps: EmulatorDeps): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendNotFound(res);
  let id = '';
  try {
    id = decodeURIComponent(APP_PAGE.exec(url.pathname)?.[1] ?? '');
  } catch {
    // A broken escape names no app.
  }
  const app = deps.store.apps.get(id);
  if (!app) {
    const body = `<section class="card"><h1>No such app</h1><p class="lead">This emulator has no app <code>${escapeHtml(id)}</code>. Apps are made by <code>rosi deploy</code> (or <code>rosi emulator --manifest</code>) against this emulator, and live in its data folder.</p></section>`;
    return sendHtml(res, 404, layout({ title: 'No such app', team: deps.team, body }));
  }
  sendHtml(res, 200, layout({ title: nameOf(app), team: deps.store.team(app.team_id) ?? deps.team, body: appCard(app, deps) }));
}

function nameOf(app: AppRow): string {
  const info = app.manifest.display_information;
  return isObject(info) && typeof info.name === 'string' && info.name !== '' ? info.name : app.id;
}

const when = (ms: number) => escapeHtml(new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));

function appCard(app: AppRow, deps: EmulatorDeps): string {
  const team = deps.store.team(app.team_id);
  const owner = deps.store.user(app.owner_id);
  return `<section class="card wide">
  <h1 data-testid="app-name">${escapeHtml(nameOf(app))}</h1>
  <dl class="facts">
    <dt>App ID</dt><dd><code data-testid="app-id">${escapeHtml(app.id)}</code></dd>
    <dt>Workspace</dt><dd>${escapeHtml(team?.name ?? app.team_id)} <span class="muted">${escapeHtml(app.team_id)}</span></dd>
    <dt>Owner</dt><dd>${escapeHtml(owner?.name ?? app.owner_id)} <span class="muted">${escapeHtml(app.owner_id)}</span></dd>
    <dt>Runs on</dt><dd>${isHosted(app.manifest) ? 'Slack (hosted)' : 'its own servers (not hosted)'}</dd>
    <dt>Created</dt><dd>${when(app.created_at)}</dd>
    <dt>Manifest updated</dt><dd>${when(app.updated_at)}</dd>
  </dl>
  <h3>Deployments</h3>
  ${deployments(app, deps)}
  <h3>Datastores</h3>
  ${datastores(app, deps)}
</section>`;
}

function deployments(app: AppRow, deps: EmulatorDeps): string {
  // Newest first, as a deploy history reads.
  const rows = deps.store.uploads.deployments(app.id).reverse();
  if (rows.length === 0) return '<p class="muted">None yet.</p>';
  const body = rows
    .map((d) => {
      const by = deps.store.user(d.deployed_by)?.name ?? d.deployed_by;
      return `<tr><td>${d.version}</td><td>${when(d.deployed_at)}</td><td>${escapeHtml(by)}</td><td>${escapeHtml(d.runtime)}</td><td>${d.file_count}</td><td>${d.zip_size}</td></tr>`;
    })
    .join('\n');
  return `<table class="grid" data-testid="deployments"><thead><tr><th>Version</th><th>Deployed</th><th>By</th><th>Runtime</th><th>Files</th><th>Bytes</th></tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function datastores(app: AppRow, deps: EmulatorDeps): string {
  const declared = isObject(app.manifest.datastores) ? Object.keys(app.manifest.datastores) : [];
  if (declared.length === 0) return '<p class="muted">The manifest declares none.</p>';
  const body = declared
    .map((name) => {
      const def = datastoreOf(app, name);
      const attributes = [...def.attributes].map(([attr, type]) => `${escapeHtml(attr)} <span class="muted">${escapeHtml(type)}</span>`).join(', ');
      return `<tr><td><code>${escapeHtml(name)}</code></td><td>${escapeHtml(def.primaryKey)}</td><td>${attributes}</td><td>${deps.store.items.count(app.id, name)}</td></tr>`;
    })
    .join('\n');
  return `<table class="grid" data-testid="datastores"><thead><tr><th>Name</th><th>Primary key</th><th>Attributes</th><th>Items</th></tr></thead><tbody>\n${body}\n</tbody></table>`;
}
