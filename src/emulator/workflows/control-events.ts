import { controlParams, type ControlRoute } from '../control/index.js';
import type { EmulatorDeps } from '../deps.js';
import { sendJson } from '../http/index.js';
import { readEventRequest } from './event-request.js';

export const eventsControl: Record<string, ControlRoute<EmulatorDeps>> = {
  /**
   * `{team_id?, type, data}`: an event happened in the team (the emulator's own when left out); each event trigger
   * of the team that listens for it starts its workflow now, with `data` (and `event_type`) as the trip's data.
   * `type` is an event name, with or without `slack#/events/`. A `message_posted` is a person's message: it is
   * recorded in the message log first (`data.thread_ts` makes it a reply to that message), which gives it its
   * `message_ts`. 200 `{ok, event: {type, team_id, data}, started: [{trigger_id, workflow_execution_id, trace_id}],
   * refused: [{trigger_id, error, errors}]}`; 400 naming what is wrong with the type or the data; 404 for an
   * unknown team. Only with --control.
   */
  async 'POST events'(req, res, _url, deps) {
    const params = await controlParams(req, res);
    if (!params) return;
    const request = readEventRequest(deps, params);
    if (!request.ok) return sendJson(res, request.status, { ok: false, error: request.error, message: request.message });
    if (!deps.workflows.postEvent) return sendJson(res, 503, { ok: false, error: 'workflow_engine_not_running' });
    const outcome = await deps.workflows.postEvent(request.event);
    sendJson(res, 200, {
      ok: true,
      event: { type: request.event.name, team_id: request.event.teamId, data: outcome.data },
      started: outcome.started,
      refused: outcome.refused,
    });
  },
};
