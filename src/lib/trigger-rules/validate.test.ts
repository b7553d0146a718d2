import { describe, expect, it } from 'vitest';
import type { ManifestWorkflow } from './types.js';
import { validateTrigger } from './validate.js';

const workflows: ManifestWorkflow[] = [
  {
    callbackId: 'greet',
    inputs: [
      { name: 'channel', type: 'slack#/types/channel_id', required: true },
      { name: 'note', type: 'string', required: false },
    ],
  },
  { callbackId: 'approve', inputs: [{ name: 'interactivity', type: 'slack#/types/interactivity', required: true }] },
  { callbackId: 'tick', inputs: [] },
];

const base = { name: 'Greet', workflow: '#/workflows/greet', inputs: { channel: { value: '{{data.channel_id}}' } } };
const start_time = '2030-03-01T14:00:00Z';

describe('validateTrigger: each type, valid', () => {
  it.each([
    {
      name: 'shortcut: description defaulted, inputs sorted, keys in the CLI order',
      def: {
        workflow: '#/workflows/greet',
        type: 'shortcut',
        name: 'Greet',
        inputs: { note: { value: 'hi {{data.user_id}}' }, channel: { customizable: true } },
      },
      want: {
        type: 'shortcut',
        name: 'Greet',
        description: '',
        workflow: '#/workflows/greet',
        inputs: { channel: { customizable: true }, note: { value: 'hi {{data.user_id}}' } },
      },
    },
    {
      name: 'shortcut with interactivity and button text',
      def: {
        type: 'shortcut',
        name: 'Approve',
        shortcut: { button_text: 'Go' },
        workflow: '#/workflows/approve',
        inputs: { interactivity: { value: '{{data.interactivity}}' } },
      },
      want: {
        type: 'shortcut',
        name: 'Approve',
        description: '',
        shortcut: { button_text: 'Go' },
        workflow: '#/workflows/approve',
        inputs: { interactivity: { value: '{{data.interactivity}}' } },
      },
    },
    {
      name: 'webhook: any data key, a filter, non-string values kept as the SDK sends them',
      def: {
        ...base,
        type: 'webhook',
        description: 'From CI',
        inputs: { channel: { value: '{{data.channel}}' }, note: { value: { at: '{{event_timestamp}}', n: 3 } } },
        webhook: { filter: { version: 1, root: { operator: 'AND', inputs: [{ statement: '{{data.kind}} == deploy' }] } } },
      },
      want: {
        type: 'webhook',
        name: 'Greet',
        description: 'From CI',
        workflow: '#/workflows/greet',
        inputs: { channel: { value: '{{data.channel}}' }, note: { value: { at: '{{event_timestamp}}', n: 3 } } },
        webhook: { filter: { version: 1, root: { operator: 'AND', inputs: [{ statement: '{{data.kind}} == deploy' }] } } },
      },
    },
    {
      name: 'scheduled: the schedule normalised by validateSchedule',
      def: { type: 'scheduled', name: 'Tick', workflow: '#/workflows/tick', schedule: { start_time, timezone: 'europe/berlin', frequency: { type: 'daily' } } },
      want: {
        type: 'scheduled',
        name: 'Tick',
        description: '',
        workflow: '#/workflows/tick',
        schedule: { start_time, timezone: 'Europe/Berlin', frequency: { type: 'daily' } },
      },
    },
    {
      name: 'event: a channel event with channel_ids, an empty string value kept',
      def: {
        ...base,
        type: 'event',
        inputs: { channel: { value: '{{data.channel_id}}' }, note: { value: '' } },
        event: { event_type: 'slack#/events/reaction_added', channel_ids: ['C0123'] },
      },
      want: {
        type: 'event',
        name: 'Greet',
        description: '',
        workflow: '#/workflows/greet',
        inputs: { channel: { value: '{{data.channel_id}}' }, note: { value: '' } },
        event: { event_type: 'slack#/events/reaction_added', channel_ids: ['C0123'] },
      },
    },
    {
      name: 'event: a workspace event; workflow_app_id dropped (the command sets it)',
      def: { type: 'event', name: 'New', workflow: '#/workflows/tick', workflow_app_id: 'A0OLD', event: { event_type: 'slack#/events/channel_created' } },
      want: { type: 'event', name: 'New', description: '', workflow: '#/workflows/tick', event: { event_type: 'slack#/events/channel_created' } },
    },
  ])('$name', ({ def, want }) => {
    const result = validateTrigger(def, { workflows });
    expect(result).toEqual({ ok: true, request: want });
    if (result.ok) expect(Object.keys(result.request)).toEqual(Object.keys(want));
  });
});

describe('validateTrigger: every problem, with its field path', () => {
  it.each([
    { name: 'not an object', def: [1], errors: [['(definition)', /must be an object/, 'invalid_arguments']] },
    {
      name: 'unknown type, with a suggestion; nothing else judged without a type',
      def: { ...base, type: 'webhok' },
      errors: [['type', /"webhok" is not a trigger type \(did you mean webhook\?\): use one of shortcut, webhook, scheduled, event/, 'invalid_trigger_type']],
    },
    { name: 'link is spelled shortcut', def: { ...base, type: 'link' }, errors: [['type', /"link" triggers are written "shortcut"/, 'invalid_trigger_type']] },
    {
      name: 'missing type, name and workflow together',
      def: {},
      errors: [
        ['type', /is required: one of shortcut/, 'invalid_trigger_type'],
        ['name', /is required/, 'invalid_arguments'],
        [
          'workflow',
          /is required: "#\/workflows\/<callback_id>"; the manifest has #\/workflows\/greet, #\/workflows\/approve, #\/workflows\/tick/,
          'workflow_not_found',
        ],
      ],
    },
    { name: 'empty name', def: { ...base, type: 'shortcut', name: ' ' }, errors: [['name', /must be a non-empty string/, 'invalid_arguments']] },
    {
      name: 'description not a string',
      def: { ...base, type: 'shortcut', description: 3 },
      errors: [['description', /must be a string \(got 3\)/, 'invalid_arguments']],
    },
    {
      name: 'workflow not a reference; a bare callback id is suggested',
      def: { ...base, type: 'shortcut', workflow: 'greet' },
      errors: [
        ['workflow', /"greet" is not a workflow reference \(did you mean #\/workflows\/greet\?\): write "#\/workflows\/<callback_id>"/, 'workflow_not_found'],
      ],
    },
    {
      name: 'workflow the manifest lacks: the closest is suggested',
      def: { ...base, type: 'shortcut', workflow: '#/workflows/gret' },
      errors: [['workflow', /the manifest has no workflow "gret" \(did you mean #\/workflows\/greet\?\): the manifest has/, 'workflow_not_found']],
    },
    {
      name: 'a required input not given',
      def: { ...base, type: 'shortcut', inputs: {} },
      errors: [['inputs.channel', /is required by #\/workflows\/greet \(type slack#\/types\/channel_id\): give it \{"value": …\}/, 'invalid_trigger_inputs']],
    },
    {
      name: 'interactivity not given on a webhook: only a link trigger can provide it',
      def: { type: 'webhook', name: 'A', workflow: '#/workflows/approve' },
      errors: [
        [
          'inputs.interactivity',
          /is required by #\/workflows\/approve \(type slack#\/types\/interactivity\).*only a link trigger can provide interactivity/,
          'invalid_trigger_inputs',
        ],
      ],
    },
    {
      name: 'an input the workflow does not declare',
      def: { ...base, type: 'shortcut', inputs: { ...base.inputs, chanel: { value: 'x' } } },
      errors: [['inputs.chanel', /is not an input of #\/workflows\/greet \(did you mean channel\?\): it takes channel, note/, 'invalid_trigger_inputs']],
    },
    {
      name: 'input entry: unknown key, then neither value nor customizable',
      def: { ...base, type: 'shortcut', inputs: { channel: { valeu: 'x' } } },
      errors: [
        ['inputs.channel.valeu', /is not a field of a trigger input \(did you mean value\?\)/, 'invalid_trigger_inputs'],
        ['inputs.channel', /needs a "value" \(or "customizable": true\)/, 'invalid_trigger_inputs'],
      ],
    },
    {
      name: 'input with value and customizable',
      def: { ...base, type: 'shortcut', inputs: { channel: { value: 'C1', customizable: true } } },
      errors: [['inputs.channel', /has both "value" and "customizable"/, 'invalid_arguments_customizable_inputs']],
    },
    {
      name: 'customizable off a link trigger',
      def: { ...base, type: 'webhook', inputs: { channel: { customizable: true } } },
      errors: [['inputs.channel.customizable', /only allowed on link \(shortcut\) triggers, not webhook/, 'customizable_inputs_only_allowed_on_link_triggers']],
    },
    {
      name: 'customizable on an optional input',
      def: { ...base, type: 'shortcut', inputs: { ...base.inputs, note: { customizable: true } } },
      errors: [['inputs.note.customizable', /only allowed on required inputs/, 'customizable_inputs_not_allowed_on_optional_inputs']],
    },
    {
      name: 'customizable on an unsupported type',
      def: { type: 'shortcut', name: 'A', workflow: '#/workflows/approve', inputs: { interactivity: { customizable: true } } },
      errors: [['inputs.interactivity.customizable', /not possible for an input of type slack#\/types\/interactivity/, 'customizable_input_unsupported_type']],
    },
    {
      name: '{{data.interactivity}} on a webhook',
      def: { ...base, type: 'webhook', inputs: { channel: { value: '{{data.interactivity}}' } } },
      errors: [
        [
          'inputs.channel.value',
          /\{\{data\.interactivity\}\} is not available on a webhook trigger \(only a click in Slack makes one\): a webhook trigger provides \{\{event_timestamp\}\} and \{\{data\.<key>\}\}/,
          'invalid_trigger_inputs',
        ],
      ],
    },
    {
      name: '{{event.…}} on a shortcut, listing what a link trigger provides',
      def: { ...base, type: 'shortcut', inputs: { channel: { value: '{{event.channel}}' } } },
      errors: [
        [
          'inputs.channel.value',
          /\{\{event\.channel\}\} is not something a trigger provides \(what an event carries is referenced as \{\{data\.…\}\}\): a link \(shortcut\) trigger provides \{\{event_timestamp\}\}, \{\{data\.user_id\}\}, \{\{data\.channel_id\}\}/,
          'invalid_trigger_inputs',
        ],
      ],
    },
    {
      name: 'a data key the type lacks, nested inside a value, with a suggestion',
      def: {
        type: 'scheduled',
        name: 'T',
        workflow: '#/workflows/greet',
        schedule: { start_time },
        inputs: { channel: { value: ['x {{ data.channel_id }}'] } },
      },
      errors: [
        [
          'inputs.channel.value[0]',
          /\{\{data\.channel_id\}\} is not available on a scheduled trigger: it provides \{\{event_timestamp\}\}, \{\{data\.user_id\}\}$/,
          'invalid_trigger_inputs',
        ],
      ],
    },
    {
      name: 'a data key the event lacks',
      def: { ...base, type: 'event', inputs: { channel: { value: '{{data.chanel_id}}' } }, event: { event_type: 'slack#/events/user_joined_team' } },
      errors: [
        [
          'inputs.channel.value',
          /not available on a user_joined_team event trigger: it provides \{\{event_timestamp\}\}, \{\{data\.event_type\}\}, \{\{data\.user\}\}/,
          'invalid_trigger_inputs',
        ],
      ],
    },
    {
      name: 'workflow-step references',
      def: { ...base, type: 'shortcut', inputs: { channel: { value: '{{inputs.channel}}' } } },
      errors: [
        [
          'inputs.channel.value',
          /\{\{inputs\.channel\}\} is not something a trigger provides \(\{\{inputs\.…\}\} and \{\{steps\.…\}\} are for workflow steps/,
          'invalid_trigger_inputs',
        ],
      ],
    },
    {
      name: 'unknown top-level key, and a key of another type',
      def: { ...base, type: 'shortcut', descripton: 'x', schedule: { start_time } },
      errors: [
        ['descripton', /is not a field of a trigger definition \(did you mean description\?\): remove it/, 'invalid_arguments'],
        ['schedule', /only applies to scheduled triggers, and this one is shortcut/, 'invalid_trigger_config'],
      ],
    },
    {
      name: 'shortcut.button_text not a string',
      def: { ...base, type: 'shortcut', shortcut: { button_text: 1 } },
      errors: [['shortcut.button_text', /must be a string/, 'invalid_trigger_config']],
    },
    {
      name: 'scheduled without a schedule',
      def: { type: 'scheduled', name: 'T', workflow: '#/workflows/tick' },
      errors: [['schedule', /is required on a scheduled trigger/, 'invalid_trigger_config']],
    },
    {
      name: 'scheduled: validateSchedule errors, field paths under schedule',
      def: { type: 'scheduled', name: 'T', workflow: '#/workflows/tick', schedule: { start_time: 'soon', frequency: { type: 'fortnightly' } } },
      errors: [
        ['schedule.start_time', /"soon" is not an ISO-8601 date-time/, 'invalid_trigger_config'],
        ['schedule.frequency.type', /"fortnightly" is not a frequency/, 'invalid_trigger_config'],
      ],
    },
    { name: 'event without event', def: { ...base, type: 'event' }, errors: [['event', /is required on an event trigger/, 'invalid_trigger_config']] },
    {
      name: 'event without event_type',
      def: { ...base, type: 'event', event: { channel_ids: ['C1'] } },
      errors: [['event.event_type', /is required/, 'invalid_trigger_event_type']],
    },
    {
      name: 'event_type not prefixed',
      def: { ...base, type: 'event', event: { event_type: 'reaction_added', channel_ids: ['C1'] } },
      errors: [
        ['event.event_type', /"reaction_added" is not an event type rosi knows \(write it "slack#\/events\/reaction_added"\)/, 'invalid_trigger_event_type'],
      ],
    },
    {
      name: 'event_type unknown, with a suggestion',
      def: { ...base, type: 'event', event: { event_type: 'slack#/events/reaction_add' } },
      errors: [
        [
          'event.event_type',
          /is not an event type rosi knows \(did you mean reaction_added\?\): use "slack#\/events\/<name>" with one of app_mentioned,/,
          'invalid_trigger_event_type',
        ],
      ],
    },
    {
      name: 'channel event without channel_ids',
      def: { ...base, type: 'event', event: { event_type: 'slack#/events/reaction_added' } },
      errors: [['event.channel_ids', /is required for reaction_added \(a channel event\).*"all_resources": true/, 'invalid_trigger_config']],
    },
    {
      name: 'channel_ids empty',
      def: { ...base, type: 'event', event: { event_type: 'slack#/events/reaction_added', channel_ids: [] } },
      errors: [['event.channel_ids', /must be a non-empty list of channel IDs/, 'invalid_trigger_config']],
    },
    {
      name: 'channel_ids and all_resources together',
      def: { ...base, type: 'event', event: { event_type: 'slack#/events/pin_added', channel_ids: ['C1'], all_resources: true } },
      errors: [['event', /has both channel_ids and all_resources: true/, 'invalid_trigger_config']],
    },
    {
      name: 'channel_ids on a workspace event',
      def: { ...base, type: 'event', event: { event_type: 'slack#/events/channel_created', channel_ids: ['C1'] } },
      errors: [['event.channel_ids', /does not apply to channel_created, which happens across the workspace/, 'invalid_trigger_config']],
    },
    {
      name: 'message_posted without a filter',
      def: { ...base, type: 'event', event: { event_type: 'slack#/events/message_posted', all_resources: true } },
      errors: [['event.filter', /is required for message_posted/, 'invalid_trigger_config']],
    },
    {
      name: 'message_metadata_posted without metadata_event_type',
      def: { ...base, type: 'event', event: { event_type: 'slack#/events/message_metadata_posted', channel_ids: ['C1'] } },
      errors: [['event.metadata_event_type', /is required for message_metadata_posted/, 'invalid_trigger_config']],
    },
    {
      name: 'webhook filter: bad version, bad node, bad operator, empty inputs, a reference it cannot have',
      def: {
        ...base,
        type: 'webhook',
        webhook: {
          filter: { version: '1', root: { operator: 'XOR', inputs: [{ statement: '{{data.interactivity}} == 1' }, { operator: 'OR', inputs: [] }, 7] } },
        },
      },
      errors: [
        ['webhook.filter.version', /must be a number/, 'invalid_trigger_config'],
        ['webhook.filter.root.operator', /must be one of AND, OR, NOT \(got "XOR"\)/, 'invalid_trigger_config'],
        ['webhook.filter.root.inputs[0].statement', /\{\{data\.interactivity\}\} is not available on a webhook trigger/, 'invalid_trigger_config'],
        ['webhook.filter.root.inputs[1].inputs', /must be a non-empty list of nodes/, 'invalid_trigger_config'],
        ['webhook.filter.root.inputs[2]', /must be \{"statement": "…"\} or/, 'invalid_trigger_config'],
      ],
    },
    { name: 'webhook not an object', def: { ...base, type: 'webhook', webhook: 'yes' }, errors: [['webhook', /must be an object/, 'invalid_trigger_config']] },
    {
      name: 'webhook filter without root',
      def: { ...base, type: 'webhook', webhook: { filter: { version: 1 } } },
      errors: [['webhook.filter.root', /is required/, 'invalid_trigger_config']],
    },
    {
      name: 'webhook with schema and schema_ref',
      def: { ...base, type: 'webhook', webhook: { schema: {}, schema_ref: 'x' } },
      errors: [['webhook', /has both "schema" and "schema_ref"/, 'invalid_webhook_config']],
    },
  ])('$name', ({ def, errors }) => {
    const result = validateTrigger(def, { workflows });
    expect(result.ok).toBe(false);
    const got = result.ok ? [] : result.errors;
    expect(got.map((e) => e.field)).toEqual(errors.map(([field]) => field));
    got.forEach((e, i) => expect(e.message).toMatch((errors[i] as [string, RegExp, string])[1]));
    // The emulator answers these codes; rosi's CLI prints field and message.
    expect(got.map((e) => e.code)).toEqual(errors.map(([, , code]) => code));
  });

  it('a required input left out names the parameter and its type, as Slack’s missing_parameter_* do', () => {
    const result = validateTrigger({ type: 'webhook', name: 'A', workflow: '#/workflows/approve' }, { workflows });
    expect(result).toMatchObject({
      ok: false,
      errors: [{ code: 'invalid_trigger_inputs', missing: { name: 'interactivity', type: 'slack#/types/interactivity' } }],
    });
  });

  it('customizable on an input the workflow does not have: customizable_input_missing_matching_workflow_input', () => {
    const result = validateTrigger({ ...base, type: 'shortcut', inputs: { ...base.inputs, who: { customizable: true } } }, { workflows });
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'inputs.who', code: 'customizable_input_missing_matching_workflow_input' }] });
  });

  it('a manifest with no workflows says so', () => {
    const result = validateTrigger({ ...base, type: 'shortcut' }, { workflows: [] });
    expect(result).toMatchObject({
      ok: false,
      errors: [{ field: 'workflow', message: expect.stringMatching(/the manifest declares no workflows: add one first/) }],
    });
  });
});
