import { beforeEach, describe, expect, it } from 'vitest';
import { createApp, deployableZip, uploadZip } from '../../../../test/helpers/hosting.js';
import { useInProcessEmulator, type InProcessEmulator, type Json } from '../../../../test/helpers/in-process-emulator.js';
import { fakeRunner, settledExecutions, workflowsApp, workingFunctions, type FakeFunction } from '../../../../test/helpers/workflows.js';
import { fireData } from './app.js';

// The app page's endpoints (GET /__console/api/apps/<id>, a deployment's files, firing a trigger), through the server.

const fns: Record<string, FakeFunction> = {};
beforeEach(() => Object.assign(fns, workingFunctions()));

/** The console's same-origin token, as the shell page carries it. */
async function consoleToken(emu: InProcessEmulator): Promise<string> {
  const html = await (await fetch(`${emu.url}/`)).text();
  return /<meta name="rosi-console-token" content="([^"]+)">/.exec(html)?.[1] ?? '';
}

async function get(emu: InProcessEmulator, path: string): Promise<{ status: number; body: Json; text: string }> {
  const res = await fetch(`${emu.url}/__console/api/${path}`);
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Json, text };
}

async function post(emu: InProcessEmulator, path: string, body: unknown, token?: string): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${emu.url}/__console/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { 'x-rosi-console-token': token }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

describe('GET /__console/api/apps/<id>', () => {
  const emu = useInProcessEmulator({ functionRunner: fakeRunner(fns) });

  it('answers the app’s facts, manifest, triggers (a webhook without its secret, a schedule’s next run), variable names and executions', async () => {
    const w = await workflowsApp(emu());
    const hook = await w.webhook('one', ['text']);
    const secret = hook.trigger.webhook_url.split('/').pop() as string;
    const scheduled = await emu().json(
      'workflows.triggers.create',
      {
        type: 'scheduled',
        name: 'Tick',
        workflow: '#/workflows/one',
        workflow_app_id: w.appId,
        inputs: { text: { value: 'tick' } },
        schedule: { start_time: '2030-01-01T09:00:00Z', frequency: { type: 'daily' } },
      },
      w.token,
    );
    expect(scheduled.ok, JSON.stringify(scheduled)).toBe(true);
    const added = await emu().json(
      'apps.hosted.variables.add',
      { app_id: w.appId, variables: [{ name: 'API_KEY', value: 'value-never-shown-93c1' }] },
      w.token,
    );
    expect(added.ok, JSON.stringify(added)).toBe(true);
    expect((await hook.post({ text: 'hello' })).status).toBe(200);
    const [x] = await settledExecutions(emu(), w.appId);

    const r = await get(emu(), `apps/${w.appId}`);
    expect(r.status).toBe(200);
    expect(r.body.app).toMatchObject({ id: w.appId, name: 'Tasks', team: { id: 'T0EMULATOR' }, hosted: true });
    expect(r.body.manifest).toMatchObject({ display_information: { name: 'Tasks' } });
    expect(r.body.variable_names).toEqual(['API_KEY']);
    expect(r.body.datastores).toEqual([
      {
        name: 'tasks',
        primary_key: 'id',
        attributes: [
          { name: 'id', type: 'string' },
          { name: 'owner', type: 'slack#/types/user_id' },
          { name: 'done', type: 'boolean' },
        ],
        items: 0,
      },
    ]);
    // Made at the same time by the test's clock: listed by ID after that.
    const triggers = (r.body.triggers as Json[]).sort((a, b) => String(a.type).localeCompare(String(b.type))).reverse();
    expect(triggers[0]).toMatchObject({
      id: hook.trigger.id,
      type: 'webhook',
      workflow: '#/workflows/one',
      workflow_title: 'One step',
      inputs: ['text'],
      data_paths: ['text'],
    });
    expect(triggers[0]?.webhook_url).toMatch(new RegExp(`/triggers/T0EMULATOR/${hook.trigger.id}/…$`));
    expect(triggers[1]).toMatchObject({ type: 'scheduled', name: 'Tick', data_paths: [], next_run: Date.parse('2030-01-01T09:00:00Z') });
    expect(r.body.executions).toEqual([
      expect.objectContaining({ id: x?.id, trace_id: x?.trace_id, workflow: 'one', status: 'completed', trigger_id: hook.trigger.id }),
    ]);
    expect(r.text).not.toContain(secret);
    expect(r.text).not.toContain('value-never-shown-93c1');
    expect(r.text).not.toMatch(/xox[a-z]-/);
  });

  it('counts items as they are put', async () => {
    const { token, appId } = await createApp(emu());
    await emu().json('apps.datastore.put', { app_id: appId, datastore: 'tasks', item: { id: 't1' } }, token);
    expect(((await get(emu(), `apps/${appId}`)).body.datastores as Json[])[0]?.items).toBe(1);
  });

  it('answers an unknown app with 404 naming it, and how apps are made', async () => {
    const r = await get(emu(), `apps/${encodeURIComponent('<b>A0NOPE')}`);
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ error: 'app_not_found', message: 'No such app: <b>A0NOPE.', hint: expect.stringContaining('rosi deploy') });
  });
});

describe('GET /__console/api/apps/<id>/deployments/<version>/files', () => {
  const emu = useInProcessEmulator();

  it('lists the deployment’s files with their sizes, read from its zip', async () => {
    const { token, appId } = await createApp(emu());
    const key = await uploadZip(emu(), token, appId, await deployableZip());
    expect(await emu().json('apps.hosted.upload', { app_id: appId, s3_key: key, runtime: 'deno' }, token)).toEqual({ ok: true });
    const r = await get(emu(), `apps/${appId}/deployments/1/files`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      version: 1,
      files: [
        { name: 'manifest.json', size: expect.any(Number) },
        { name: 'functions/create_task.js', size: 'export default () => ({ outputs: {} });'.length },
      ],
    });
  });

  it.each(['2', '0', 'one', '1.5'])('a version the app does not have (%s) is 404', async (version) => {
    const { appId } = await createApp(emu());
    const r = await get(emu(), `apps/${appId}/deployments/${version}/files`);
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ error: 'deployment_not_found', message: `The app ${appId} has no deployment ${version}.` });
  });
});

describe('POST /__console/api/apps/<id>/triggers/<trigger id>/fire', () => {
  const emu = useInProcessEmulator({ functionRunner: fakeRunner(fns) });

  it('starts the workflow with the data as the trip’s, as emulator.triggers.run does, and answers the execution and trace', async () => {
    const w = await workflowsApp(emu());
    const hook = await w.webhook('one', ['text']);
    const r = await post(emu(), `apps/${w.appId}/triggers/${hook.trigger.id}/fire`, { data: { text: 'from the console' } }, await consoleToken(emu()));
    expect(r).toEqual({
      status: 200,
      body: { workflow_execution_id: expect.stringMatching(/^Wx/), trace_id: expect.stringMatching(/^Tr/) },
    });
    const [x] = await settledExecutions(emu(), w.appId);
    expect(x).toMatchObject({ id: r.body.workflow_execution_id, trace_id: r.body.trace_id, status: 'completed', inputs: { text: 'from the console' } });
  });

  it('needs the console’s token', async () => {
    const w = await workflowsApp(emu());
    const hook = await w.webhook('one', ['text']);
    expect((await post(emu(), `apps/${w.appId}/triggers/${hook.trigger.id}/fire`, { data: { text: 'x' } })).status).toBe(403);
  });

  it('refuses what it cannot fire, saying why', async () => {
    const token = await consoleToken(emu());
    const w = await workflowsApp(emu());
    const hook = await w.webhook('one', ['text']);
    const other = await workflowsApp(emu());
    const fire = (appId: string, triggerId: string, body: unknown) => post(emu(), `apps/${appId}/triggers/${triggerId}/fire`, body, token);
    expect(await fire(w.appId, 'Ft0NOPE', {})).toMatchObject({ status: 404, body: { error: 'trigger_not_found' } });
    expect(await fire(other.appId, hook.trigger.id, {})).toMatchObject({ status: 404, body: { error: 'trigger_not_found' } });
    expect(await fire('A0NOPE', hook.trigger.id, {})).toMatchObject({ status: 404, body: { error: 'app_not_found' } });
    expect(await fire(w.appId, hook.trigger.id, { data: [1] })).toMatchObject({ status: 400, body: { error: 'invalid_data' } });
    expect(await fire(w.appId, hook.trigger.id, '{"data":')).toMatchObject({ status: 400, body: { error: 'invalid_json' } });
    // The workflow needs text: the trip leaves it empty.
    const refused = await fire(w.appId, hook.trigger.id, { data: {} });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ message: expect.stringContaining('could not start its workflow'), details: expect.any(Array) });
  });
});

describe('fireData', () => {
  it.each([
    ['no data', {}, {}],
    ['an object', { data: { a: 1 } }, { a: 1 }],
  ])('%s', (_name, body, data) => expect(fireData(body)).toEqual(data));

  it.each([
    ['not an object', [], 'invalid_body'],
    ['data a string', { data: 'x' }, 'invalid_data'],
    ['data null', { data: null }, 'invalid_data'],
  ])('%s is refused', (_name, body, code) => expect(() => fireData(body)).toThrow(expect.objectContaining({ code })));
});
