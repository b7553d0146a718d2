import type { IncomingMessage, ServerResponse } from 'node:http';
import { activitiesControl } from '../activity/control-activities.js';
import { badRequest, controlParams, type ControlRoute } from './control-body.js';
import { datastoreControl } from '../datastore/control-datastore.js';
import { faultsControl } from '../http/control-faults.js';
import { hostingControl } from '../hosting/control-hosting.js';
import { tenantControl } from './control-tenants.js';
import { variablesControl } from '../variables/control-variables.js';
import { directoryControl } from '../directory/control-channels.js';
import { usergroupsControl } from '../directory/control-usergroups.js';
import { messagesControl } from '../messages/control-messages.js';
import { triggersControl } from '../triggers/control-triggers.js';
import { workflowsControl } from '../workflows/control-workflows.js';
import { eventsControl } from '../workflows/control-events.js';
import type { EmulatorDeps } from '../deps.js';
import { sendJson, sendNotFound } from '../http/index.js';
import { approveTicket } from '../auth/index.js';
import { stateControl } from '../snapshot/control-state.js';

export const CONTROL_PREFIX = '/__emulator/';

const authControl: Record<string, ControlRoute<EmulatorDeps>> = {
  'POST approve': approve,
  'GET calls': (_req, res, url, deps) => {
    const method = url.searchParams.get('method') ?? undefined;
    const calls = deps.store.calls(method).map((c) => ({ method: c.method, at: new Date(c.at).toISOString() }));
    sendJson(res, 200, { count: calls.length, calls });
  },
  'POST reset-calls': (_req, res, _url, deps) => {
    deps.store.resetCalls();
    sendJson(res, 200, { ok: true });
  },
  'POST disk': async (req, res, _url, deps) => {
    const params = await controlParams(req, res);
    if (!params) return;
    if (typeof params.full !== 'boolean') return badRequest(res, 'full must be true or false');
    deps.store.simulateDiskFull(params.full);
    sendJson(res, 200, { ok: true });
  },
};

const ROUTES = new Map(
  Object.entries({
    ...authControl,
    ...tenantControl,
    ...hostingControl,
    ...datastoreControl,
    ...activitiesControl,
    ...variablesControl,
    ...faultsControl,
    ...directoryControl,
    ...triggersControl,
    ...workflowsControl,
    ...usergroupsControl,
    ...messagesControl,
    ...eventsControl,
    ...stateControl,
  }),
);

/**
 * Test-only endpoints, mounted only with --control: they do what a person would do in
 * the browser (approve a ticket), set up what a test needs (another team, a collaborator,
 * a failing upload) and show what clients did. Failures answer non-2xx so a test notices at once.
 */
export async function serveControl(req: IncomingMessage, res: ServerResponse, url: URL, deps: EmulatorDeps): Promise<void> {
  const route = ROUTES.get(`${req.method ?? 'GET'} ${url.pathname.slice(CONTROL_PREFIX.length)}`);
  if (!route) return sendNotFound(res);
  return route(req, res, url, deps);
}

async function approve(req: IncomingMessage, res: ServerResponse, _url: URL, deps: EmulatorDeps): Promise<void> {
  const params = await controlParams(req, res);
  if (!params) return;
  const ticket = typeof params.ticket === 'string' ? params.ticket : '';
  const state = approveTicket(ticket, deps);
  if (state.kind === 'approved') return sendJson(res, 200, { challenge: state.challenge });
  const status = state.kind === 'unknown' ? 404 : 409;
  return sendJson(res, status, { ok: false, error: 'invalid_ticket', state: state.kind });
}
