import type { NewActivity } from './activities-store.js';
import { COMPONENT_TYPES, isOneOf, LEVELS, micros, SOURCES } from './activity-rules.js';
import { badRequest, controlParams, intParam, type ControlRoute } from '../control/index.js';
import type { EmulatorDeps } from '../deps.js';
import { newTraceId } from '../ids.js';
import { isObject } from '../../lib/is-object.js';
import { sendJson } from '../http/index.js';

/** Activities one append may carry: enough for a burst test in one call, still one transaction. */
export const MAX_APPEND = 50_000;
/** 50,000 activities with modest payloads; the other control endpoints take 64 KB. */
const MAX_APPEND_BODY_BYTES = 64 * 1024 * 1024;
/** How far one clock call may move: ten years, past any retention or token lifetime. */
const MAX_ADVANCE_MS = 10 * 365 * 24 * 3_600_000;

/**
 * One activity from a control body, with the defaults filled in, or what is wrong with it.
 * `created` defaults to the same microsecond for the whole call: the order of the array
 * is what tells those apart.
 */
function activityOf(raw: unknown, at: string, defaults: { appId: string; created: number; traceId: string }): NewActivity | string {
  if (!isObject(raw)) return `${at} must be an object`;
  const text = (name: string, fallback: string): string | undefined => {
    const v = raw[name];
    return v === undefined ? fallback : typeof v === 'string' ? v : undefined;
  };
  const eventType = raw.event_type;
  if (typeof eventType !== 'string' || eventType === '') return `${at}/event_type is required (a non-empty string)`;
  const level = raw.level ?? 'info';
  if (!isOneOf(LEVELS, level)) return `${at}/level must be one of ${LEVELS.join(', ')}`;
  const source = raw.source ?? 'slack';
  if (!isOneOf(SOURCES, source)) return `${at}/source must be one of ${SOURCES.join(', ')}`;
  const componentType = text('component_type', '');
  if (componentType === undefined || (componentType !== '' && !isOneOf(COMPONENT_TYPES, componentType))) {
    return `${at}/component_type must be "" or one of ${COMPONENT_TYPES.join(', ')}`;
  }
  const componentId = text('component_id', '');
  const traceId = text('trace_id', defaults.traceId);
  if (componentId === undefined || traceId === undefined) return `${at}: component_id and trace_id must be strings`;
  const payload = raw.payload ?? {};
  if (!isObject(payload)) return `${at}/payload must be an object`;
  const created = raw.created ?? defaults.created;
  if (!Number.isSafeInteger(created) || (created as number) < 0) return `${at}/created must be microseconds since the epoch (a non-negative integer)`;
  return {
    app_id: defaults.appId,
    level,
    event_type: eventType,
    source,
    component_type: componentType,
    component_id: componentId,
    trace_id: traceId,
    payload,
    created: created as number,
  };
}

/** A form body carries the list as JSON text. */
function parseList(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export const activitiesControl: Record<string, ControlRoute<EmulatorDeps>> = {
  /**
   * `{app_id, activities: [{event_type, level?, source?, component_type?, component_id?, trace_id?, payload?, created?}]}`:
   * appends them in array order, all or none. A call's activities without a trace_id share one.
   */
  async 'POST activities'(req, res, _url, deps) {
    const p = await controlParams(req, res, MAX_APPEND_BODY_BYTES);
    if (!p) return;
    const appId = typeof p.app_id === 'string' ? p.app_id : '';
    const list = typeof p.activities === 'string' ? parseList(p.activities) : p.activities;
    if (!appId || !Array.isArray(list)) return badRequest(res, 'app_id and an activities array are needed');
    if (list.length > MAX_APPEND) return badRequest(res, `at most ${MAX_APPEND} activities per call; got ${list.length}`);
    if (!deps.store.apps.get(appId)) return sendJson(res, 404, { ok: false, error: 'app_not_found' });
    const now = deps.now();
    const defaults = { appId, created: micros(now), traceId: newTraceId() };
    const rows: NewActivity[] = [];
    for (const [i, raw] of list.entries()) {
      const row = activityOf(raw, `/activities/${i}`, defaults);
      if (typeof row === 'string') return badRequest(res, row);
      rows.push(row);
    }
    deps.store.activities.purgeExpired(appId, now);
    deps.store.activities.append(rows);
    sendJson(res, 200, { ok: true, appended: rows.length });
  },

  /** `{advance_ms}`: moves the emulator's clock forward (retention, token and ticket expiry). */
  async 'POST clock'(req, res, _url, deps) {
    const p = await controlParams(req, res);
    if (!p) return;
    const ms = intParam(p, 'advance_ms', 0, MAX_ADVANCE_MS);
    if (ms === undefined) return badRequest(res, `advance_ms must be a whole number of milliseconds from 0 to ${MAX_ADVANCE_MS}`);
    deps.advanceClock(ms);
    sendJson(res, 200, { ok: true, now_ms: deps.now() });
  },
};
