import { describe, expect, it } from 'vitest';
import { seedUser } from '../../../test/helpers/hosting.js';
import { useInProcessEmulator } from '../../../test/helpers/in-process-emulator.js';
import { sdkForm, triggersApp, webhookDef } from '../../../test/helpers/triggers.js';

const NOW_S = Date.parse('2026-11-28T12:00:00Z') / 1000;

describe('workflows.triggers.create (runtime contract §6.1)', () => {
  const emu = useInProcessEmulator();

  it('answers the §1.3 trigger object: IDs, workflow from the installed manifest, inputs echoed, seconds, webhook_url', async () => {
    const a = await triggersApp(emu());
    const r = await a.create();
    expect(r.ok).toBe(true);
    const t = r.trigger as Record<string, unknown>;
    expect(t).toMatchObject({
      type: 'webhook',
      name: 'From CI',
      description: 'Runs on deploys',
      inputs: {
        channel: { value: '{{data.channel}}', locked: false, hidden: false },
        note: { value: 'deploy {{data.version}}', locked: false, hidden: false },
      },
      date_created: NOW_S,
      date_updated: NOW_S,
      workflow: {
        callback_id: 'greet',
        title: 'Greet',
        description: 'Says hello',
        type: 'workflow',
        input_parameters: [
          { name: 'channel', type: 'slack#/types/channel_id', title: 'Channel', description: '', is_required: true },
          { name: 'note', type: 'string', title: 'note', description: '', is_required: false },
        ],
        app_id: a.appId,
        app: { id: a.appId, name: 'Tasks', icons: {}, is_workflow_app: false },
        date_deleted: 0,
      },
    });
    expect(t.id).toMatch(/^Ft[A-Z0-9]{10}$/);
    const wf = t.workflow as Record<string, string>;
    expect(wf.id).toMatch(/^Fn[A-Z0-9]{10}$/);
    expect(wf.workflow_id).toMatch(/^Wf[A-Z0-9]{10}$/);
    expect(t.webhook_url).toMatch(new RegExp(`^${emu().url}/triggers/T[A-Z0-9]+/${t.id}/[0-9a-f]{32}$`));
    expect(t).not.toHaveProperty('next_run');
    // The same workflow keeps its IDs in every trigger.
    const again = (await a.created()) as Record<string, unknown>;
    expect(again.workflow).toMatchObject({ id: wf.id, workflow_id: wf.workflow_id });
  });

  it.each([
    {
      name: 'shortcut: shortcut_url, customizable inputs echoed',
      def: { type: 'shortcut', name: 'S', workflow: '#/workflows/greet', inputs: { channel: { customizable: true } } },
    },
    {
      name: 'scheduled: the schedule normalised',
      def: {
        type: 'scheduled',
        name: 'T',
        workflow: '#/workflows/tick',
        schedule: { start_time: '2027-01-01T09:00:00', timezone: 'europe/berlin', frequency: { type: 'daily' } },
      },
    },
    {
      name: 'event: event_type and filter',
      def: {
        type: 'event',
        name: 'E',
        workflow: '#/workflows/tick',
        event: { event_type: 'slack#/events/reaction_added', channel_ids: ['C0123'], filter: { version: 1, root: { statement: '{{data.reaction}} == eyes' } } },
      },
    },
  ])('$name', async ({ def }) => {
    const a = await triggersApp(emu());
    const t = (await a.created(def)) as Record<string, unknown>;
    if (def.type === 'shortcut') {
      expect(t.shortcut_url).toBe(`${emu().url}/shortcuts/${t.id}/${String(t.shortcut_url).split('/').pop()}`);
      expect(t.inputs).toEqual({ channel: { customizable: true, locked: false, hidden: false } });
    }
    if (def.type === 'scheduled') expect(t.schedule).toEqual({ start_time: '2027-01-01T09:00:00', timezone: 'Europe/Berlin', frequency: { type: 'daily' } });
    if (def.type === 'event') expect(t).toMatchObject({ event_type: 'slack#/events/reaction_added', filter: { version: 1 } });
  });

  it('takes the Deno SDK’s form body: Bearer token, nested values as JSON strings', async () => {
    const a = await triggersApp(emu());
    const r = await sdkForm(emu(), 'workflows.triggers.create', { ...webhookDef(), workflow_app_id: a.appId }, a.token);
    expect(r).toMatchObject({ ok: true, trigger: { type: 'webhook', inputs: { channel: { value: '{{data.channel}}' } } } });
    // And the token as a form field, as the official CLI sends the permissions methods.
    const f = await emu().form('workflows.triggers.info', { token: a.token, trigger_id: (r.trigger as { id: string }).id });
    expect(f).toMatchObject({ ok: true, trigger: { name: 'From CI' } });
  });

  it.each([
    { name: 'no workflow_app_id', patch: { workflow_app_id: undefined }, want: { error: 'invalid_workflow_app_id' } },
    { name: 'an unknown app', patch: { workflow_app_id: 'A0NOSUCHAPP' }, want: { error: 'invalid_workflow_app_id' } },
    {
      name: 'an unknown type',
      patch: { type: 'link' },
      want: { error: 'invalid_trigger_type', errors: [expect.objectContaining({ code: 'invalid_trigger_type' })] },
    },
    { name: 'a workflow the manifest lacks', patch: { workflow: '#/workflows/nope' }, want: { error: 'workflow_not_found' } },
    {
      name: 'a required input left out',
      patch: { inputs: {} },
      want: {
        error: 'invalid_trigger_inputs',
        errors: [
          {
            code: 'invalid_trigger_inputs',
            message: 'Missing value for parameter `channel`',
            missing_parameter_name: 'channel',
            missing_parameter_type: 'slack#/types/channel_id',
          },
        ],
      },
    },
    { name: 'an input the workflow lacks', patch: { inputs: { channel: { value: 'C1' }, chanel: { value: 'x' } } }, want: { error: 'invalid_trigger_inputs' } },
    {
      name: 'customizable off a link trigger',
      patch: { inputs: { channel: { customizable: true } } },
      want: { error: 'customizable_inputs_only_allowed_on_link_triggers' },
    },
    {
      name: 'customizable on an optional input',
      patch: { type: 'shortcut', inputs: { channel: { value: 'C1' }, note: { customizable: true } } },
      want: { error: 'customizable_inputs_not_allowed_on_optional_inputs' },
    },
    {
      name: 'customizable with a value',
      patch: { type: 'shortcut', inputs: { channel: { value: 'C1', customizable: true } } },
      want: { error: 'invalid_arguments_customizable_inputs' },
    },
    {
      name: 'customizable of an unsupported type',
      patch: { type: 'shortcut', workflow: '#/workflows/approve', inputs: { interactivity: { customizable: true } } },
      want: { error: 'customizable_input_unsupported_type' },
    },
    {
      name: 'a bad filter',
      patch: { webhook: { filter: { version: 1, root: { operator: 'XOR', inputs: [] } } } },
      want: { error: 'invalid_trigger_config' },
    },
    { name: 'schema and schema_ref', patch: { webhook: { schema: {}, schema_ref: 'x' } }, want: { error: 'invalid_webhook_config' } },
    {
      name: 'an unknown event type',
      patch: { type: 'event', workflow: '#/workflows/tick', inputs: undefined, event: { event_type: 'slack#/events/nope' } },
      want: { error: 'invalid_trigger_event_type' },
    },
    {
      name: 'a bad schedule',
      patch: { type: 'scheduled', workflow: '#/workflows/tick', inputs: undefined, schedule: { start_time: 'soon' } },
      want: { error: 'invalid_trigger_config' },
    },
    {
      name: 'a start_time in the past',
      patch: { type: 'scheduled', workflow: '#/workflows/tick', inputs: undefined, schedule: { start_time: '2026-11-28T11:59:59Z' } },
      want: { error: 'invalid_start_before_now' },
    },
    { name: 'inputs that are not JSON', patch: { inputs: '{nope' }, want: { error: 'invalid_arguments' } },
  ])('$name → $want.error', async ({ patch, want }) => {
    const a = await triggersApp(emu());
    const r = await a.call('workflows.triggers.create', { ...webhookDef(), workflow_app_id: a.appId, ...patch });
    expect(r).toMatchObject({ ok: false, ...want });
  });

  it('without a token: not_authed; another team’s token naming this app: invalid_workflow_app_id', async () => {
    const a = await triggersApp(emu());
    expect(await emu().json('workflows.triggers.create', { ...webhookDef(), workflow_app_id: a.appId })).toEqual({ ok: false, error: 'not_authed' });
    const stranger = await seedUser(emu());
    expect(await a.create(webhookDef(), stranger)).toEqual({ ok: false, error: 'invalid_workflow_app_id' });
  });
});

describe('workflows.triggers.update, delete, info', () => {
  const emu = useInProcessEmulator();

  it('update replaces the definition, keeps id, date_created and the webhook URL, and bumps date_updated', async () => {
    const a = await triggersApp(emu());
    const t = await a.created();
    emu().clock.advance(5_000);
    const r = await a.call('workflows.triggers.update', {
      ...webhookDef({ name: 'Renamed', inputs: { channel: { value: 'C1' } } }),
      workflow_app_id: a.appId,
      trigger_id: t.id,
    });
    expect(r).toMatchObject({
      ok: true,
      trigger: { id: t.id, name: 'Renamed', inputs: { channel: { value: 'C1' } }, date_created: NOW_S, date_updated: NOW_S + 5, webhook_url: t.webhook_url },
    });
    expect((r.trigger as { inputs: object }).inputs).not.toHaveProperty('note');
    expect(await a.call('workflows.triggers.info', { trigger_id: t.id })).toMatchObject({ ok: true, trigger: { name: 'Renamed', date_updated: NOW_S + 5 } });
  });

  it('update may keep a start_time that has passed, not set a new past one', async () => {
    const a = await triggersApp(emu());
    const def = { type: 'scheduled', name: 'T', workflow: '#/workflows/tick', schedule: { start_time: '2026-11-28T12:00:10Z' } };
    const t = await a.created(def);
    emu().clock.advance(60_000);
    const update = (schedule: object) => a.call('workflows.triggers.update', { ...def, name: 'T2', schedule, workflow_app_id: a.appId, trigger_id: t.id });
    expect(await update({ start_time: '2026-11-28T12:00:10Z' })).toMatchObject({ ok: true, trigger: { name: 'T2' } });
    expect(await update({ start_time: '2026-11-28T12:00:20Z' })).toMatchObject({ ok: false, error: 'invalid_start_before_now' });
  });

  it('update with another workflow_app_id, or of an unknown trigger', async () => {
    const a = await triggersApp(emu());
    const b = await triggersApp(emu());
    const t = await a.created();
    expect(await a.call('workflows.triggers.update', { ...webhookDef(), workflow_app_id: b.appId, trigger_id: t.id })).toMatchObject({
      ok: false,
      error: 'invalid_workflow_app_id',
    });
    expect(await a.call('workflows.triggers.update', { ...webhookDef(), workflow_app_id: a.appId, trigger_id: 'Ft0NOSUCHONE' })).toMatchObject({
      ok: false,
      error: 'trigger_not_found',
    });
  });

  it('delete removes it; delete and info of an unknown ID: trigger_not_found; no ID: invalid_arguments', async () => {
    const a = await triggersApp(emu());
    const t = await a.created();
    expect(await a.call('workflows.triggers.delete', { trigger_id: t.id })).toEqual({ ok: true });
    expect(await a.call('workflows.triggers.info', { trigger_id: t.id })).toEqual({ ok: false, error: 'trigger_not_found' });
    expect(await a.call('workflows.triggers.delete', { trigger_id: t.id })).toEqual({ ok: false, error: 'trigger_not_found' });
    expect(await a.call('workflows.triggers.info', {})).toEqual({ ok: false, error: 'invalid_arguments' });
  });

  it('tenant isolation: another team’s token finds none of it', async () => {
    const a = await triggersApp(emu());
    const t = await a.created();
    const stranger = await seedUser(emu());
    for (const [method, body] of [
      ['workflows.triggers.info', { trigger_id: t.id }],
      ['workflows.triggers.delete', { trigger_id: t.id }],
      ['workflows.triggers.update', { ...webhookDef(), workflow_app_id: a.appId, trigger_id: t.id }],
      ['workflows.triggers.permissions.list', { trigger_id: t.id }],
    ] as const) {
      expect(await a.call(method, body, stranger), method).toMatchObject({ ok: false });
    }
    expect(await a.call('workflows.triggers.list', {}, stranger)).toMatchObject({ ok: true, triggers: [] });
    expect(await a.call('workflows.triggers.list', { app_id: a.appId }, stranger)).toMatchObject({ ok: true, triggers: [] });
    expect(await a.call('workflows.triggers.info', { trigger_id: t.id })).toMatchObject({ ok: true });
  });
});
