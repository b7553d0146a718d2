import { describe, expect, it } from 'vitest';
import { createApp } from '../../../../test/helpers/hosting.js';
import { useInProcessEmulator, type Json } from '../../../../test/helpers/in-process-emulator.js';
import type { ActivityAnswer, TraceAnswer } from '../ui/pages/activity/wire.js';

const NOW_US = Date.parse('2026-11-28T12:00:00Z') * 1000;

describe('the console’s activity and trace endpoints', () => {
  const emu = useInProcessEmulator();
  const get = async <T = Json>(path: string): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${emu().url}/__console/api/${path}`);
    return { status: res.status, body: (await res.json()) as T };
  };
  const append = async (appId: string, activities: Json[]) => expect((await emu().control('activities', { app_id: appId, activities })).status).toBe(200);

  it('pages newest first with a keyset cursor, and reads only what is newer than a position', async () => {
    const { appId } = await createApp(emu());
    // Deploying wrote nothing yet; the log holds only these.
    await append(
      appId,
      Array.from({ length: 5 }, (_, i) => ({ event_type: `e${i}`, created: NOW_US + i })),
    );
    const first = await get<ActivityAnswer>(`apps/${appId}/activity?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.activities.map((a) => a.event_type)).toEqual(['e4', 'e3']);
    expect(first.body.older).toEqual(expect.any(String));
    const second = await get<ActivityAnswer>(`apps/${appId}/activity?limit=2&cursor=${encodeURIComponent(first.body.older as string)}`);
    expect(second.body.activities.map((a) => a.event_type)).toEqual(['e2', 'e1']);
    expect(second.body.newest).toBeNull();
    const none = await get<ActivityAnswer>(`apps/${appId}/activity?after=${encodeURIComponent(first.body.newest as string)}`);
    expect(none.body).toMatchObject({ activities: [], more: false, newest: first.body.newest });

    await append(appId, [
      { event_type: 'e5', created: NOW_US + 5 },
      { event_type: 'e6', created: NOW_US + 6 },
    ]);
    const newer = await get<ActivityAnswer>(`apps/${appId}/activity?limit=1&after=${encodeURIComponent(first.body.newest as string)}`);
    expect(newer.body.activities.map((a) => a.event_type)).toEqual(['e5']);
    expect(newer.body.more).toBe(true);
    const rest = await get<ActivityAnswer>(`apps/${appId}/activity?after=${encodeURIComponent(newer.body.newest as string)}`);
    expect(rest.body.activities.map((a) => a.event_type)).toEqual(['e6']);
  });

  it('filters by level (and worse), event, component, source, time and text, and says what each entry means', async () => {
    const { appId } = await createApp(emu());
    await append(appId, [
      {
        event_type: 'function_execution_output',
        source: 'developer',
        component_type: 'functions',
        component_id: 'Fn1',
        payload: { log: 'Hello\n  there' },
        created: NOW_US,
      },
      {
        event_type: 'function_execution_result',
        level: 'error',
        component_type: 'functions',
        component_id: 'Fn1',
        payload: { function_name: 'greet', function_type: 'app', error: 'A name is needed' },
        created: NOW_US + 1_000_000,
      },
      {
        event_type: 'workflow_execution_started',
        level: 'warn',
        component_type: 'workflows',
        component_id: 'Wf1',
        payload: { workflow_name: 'Greet' },
        created: NOW_US + 2_000_000,
      },
    ]);
    const events = async (q: string) => (await get<ActivityAnswer>(`apps/${appId}/activity?${q}`)).body.activities.map((a) => a.event_type);
    expect(await events('level=warn')).toEqual(['workflow_execution_started', 'function_execution_result']);
    expect(await events('level=error')).toEqual(['function_execution_result']);
    expect(await events('event=function_execution_output')).toEqual(['function_execution_output']);
    expect(await events('component_type=workflows')).toEqual(['workflow_execution_started']);
    expect(await events('component_id=Fn1&source=slack')).toEqual(['function_execution_result']);
    expect(await events('q=NAME IS')).toEqual(['function_execution_result']);
    expect(await events('since=2026-11-28T12:00:01Z&until=2026-11-28T12:00:01.500Z')).toEqual(['function_execution_result']);
    expect(await events(`until=${NOW_US}`)).toEqual(['function_execution_output']);
    const all = (await get<ActivityAnswer>(`apps/${appId}/activity`)).body.activities;
    expect(all.map((a) => a.summary)).toEqual([
      "Workflow 'Greet' started",
      "Function 'greet' (app function) failed A name is needed",
      'Function output: Hello there',
    ]);
    expect(all[2]).toMatchObject({ level: 'info', source: 'developer', component_id: 'Fn1', payload: { log: 'Hello\n  there' }, created: NOW_US });
  });

  it('refuses a bad filter with every problem named, an unknown app and a foreign cursor', async () => {
    const { appId } = await createApp(emu());
    const bad = await get(`apps/${appId}/activity?level=loud&since=yesterday&limit=0&source=me`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'invalid_query', message: 'The activity filter is not valid.' });
    expect(bad.body.details).toEqual([
      'level must be one of trace, debug, info, warn, error, fatal; got "loud".',
      'source must be one of slack, developer; got "me".',
      'since must be a date and time with its zone, like 2026-12-07T06:00:00Z, or microseconds since the epoch; got "yesterday".',
      'limit must be a whole number from 1 to 500; got "0".',
    ]);
    expect((await get(`apps/${appId}/activity?since=2026-11-28T13:00:00Z&until=2026-11-28T12:00:00Z`)).body.details).toEqual([
      'since is after until: nothing can match; swap them.',
    ]);
    const other = await createApp(emu());
    await append(other.appId, [{ event_type: 'x' }, { event_type: 'y' }]);
    const foreign = (await get<ActivityAnswer>(`apps/${other.appId}/activity?limit=1`)).body.older as string;
    expect((await get(`apps/${appId}/activity?cursor=${encodeURIComponent(foreign)}`)).body.details).toEqual([
      "cursor is not a position in this app's activity log: use the value an earlier answer gave, or leave it out to start at the newest.",
    ]);
    const missing = await get('apps/A0NOPE/activity');
    expect(missing).toEqual({
      status: 404,
      body: {
        error: 'app_not_found',
        message: 'There is no app A0NOPE in this emulator.',
        hint: 'The overview page lists the deployed apps; `rosi deploy` in an app’s folder deploys one.',
      },
    });
  });

  it('never sends a token, a trigger URL’s secret or a hosted variable’s value', async () => {
    const { appId, token } = await createApp(emu());
    const added = await emu().form('apps.hosted.variables.add', {
      token,
      app_id: appId,
      variables: JSON.stringify([{ name: 'API_KEY', value: 'sk-very-secret' }]),
    });
    expect(added).toEqual({ ok: true });
    await append(appId, [
      {
        event_type: 'function_execution_output',
        payload: { log: `token ${token} key sk-very-secret url http://127.0.0.1:1/triggers/T0EMU/Ft0ABC/s3cr3tPart` },
      },
    ]);
    const text = JSON.stringify((await get(`apps/${appId}/activity`)).body);
    expect(text).not.toContain(token);
    expect(text).not.toContain('sk-very-secret');
    expect(text).not.toContain('s3cr3tPart');
    expect(text).toContain('[hidden: variable API_KEY]');
    expect(text).toContain('/triggers/T0EMU/Ft0ABC/[redacted]');
  });

  it('draws a trace as rosi activity trace does, with the failing step marked; an unknown trace is a problem', async () => {
    const { appId } = await createApp(emu());
    const at = (s: number) => NOW_US + s * 1000;
    const fn = (event_type: string, created: number, payload: Json, level = 'info') => ({
      event_type,
      level,
      component_type: 'functions',
      component_id: 'Fn1',
      trace_id: 'Tr1',
      payload,
      created,
    });
    await append(appId, [
      {
        event_type: 'workflow_execution_started',
        component_type: 'workflows',
        component_id: 'Wf1',
        trace_id: 'Tr1',
        payload: { workflow_name: 'Greet' },
        created: at(0),
      },
      {
        event_type: 'workflow_step_started',
        component_type: 'workflows',
        component_id: 'Wf1',
        trace_id: 'Tr1',
        payload: { current_step: 1, total_steps: 1 },
        created: at(1),
      },
      fn('function_execution_started', at(2), { function_name: 'greet', function_type: 'app' }),
      { ...fn('function_execution_output', at(40), { log: 'about to fail' }), source: 'developer' },
      fn('function_execution_result', at(50), { function_name: 'greet', function_type: 'app', error: 'A name is needed' }, 'error'),
      {
        event_type: 'workflow_step_execution_result',
        level: 'error',
        component_type: 'workflows',
        component_id: 'Wf1',
        trace_id: 'Tr1',
        payload: { function_name: 'greet', inputs: { name: '' } },
        created: at(51),
      },
      {
        event_type: 'workflow_execution_result',
        level: 'error',
        component_type: 'workflows',
        component_id: 'Wf1',
        trace_id: 'Tr1',
        payload: { workflow_name: 'Greet', error: 'A name is needed' },
        created: at(52),
      },
    ]);
    const { status, body } = await get<TraceAnswer>(`apps/${appId}/traces/Tr1`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ app_id: appId, trace_id: 'Tr1', status: 'failed', started_at: at(0), span: 52_000, duration: '52 ms', truncated: false });
    const [workflow] = body.nodes;
    expect(workflow).toMatchObject({ kind: 'workflow', label: "Workflow 'Greet'", status: 'failed', start: 0, end: 52_000, duration: '52 ms' });
    const step = workflow?.children[0];
    expect(step).toMatchObject({ kind: 'step', label: "Step 1 of 1 'greet'", status: 'failed', start: 1000, duration: '50 ms' });
    const func = step?.children[0];
    expect(func).toMatchObject({ kind: 'function', label: "Function 'greet' (app function)", status: 'failed', error: 'A name is needed', duration: '48 ms' });
    expect(func?.children).toEqual([expect.objectContaining({ kind: 'event', label: 'output: about to fail', start: 40_000 })]);
    expect(step?.events.map((e) => e.payload)).toContainEqual({ function_name: 'greet', inputs: { name: '' } });

    const missing = await get(`apps/${appId}/traces/Tr0NOPE`);
    expect(missing).toEqual({
      status: 404,
      body: {
        error: 'trace_not_found',
        message: `App ${appId} has no activity with trace ID Tr0NOPE.`,
        hint: `The app’s Activity page (/apps/${appId}/activity) lists its entries of the last 7 days, each with its trace; so does \`rosi activity --app ${appId} --team ${emu().running.team.id} --apihost ${emu().url}\`.`,
      },
    });
  });
});
