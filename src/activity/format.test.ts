import { describe, expect, it } from 'vitest';
import { noPaint, type Paint } from '../lib/paint.js';
import { activityMessage } from '../lib/activity/message.js';
import { formatActivity, matchesSearch } from './format.js';
import type { Activity } from './types.js';

const T = '2023-11-14 22:13:20';

function activity(event_type: string, payload: Record<string, unknown>, level = 'info', more: Partial<Activity> = {}): Activity {
  return {
    trace_id: 'Tr1',
    level,
    event_type,
    source: 'slack',
    component_type: 'functions',
    component_id: 'Fn1',
    payload,
    created: 1_700_000_000_000_000,
    ...more,
  };
}

const utc = (a: Activity) => formatActivity(a, { paint: noPaint, timeZone: 'UTC' });

/** Marks colours as tags, so expected lines show exactly what was painted. */
const tags: Paint = {
  bold: (s) => `<b>${s}</b>`,
  dim: (s) => `<d>${s}</d>`,
  red: (s) => `<r>${s}</r>`,
  green: (s) => s,
  yellow: (s) => `<y>${s}</y>`,
  cyan: (s) => s,
  gray: (s) => `<g>${s}</g>`,
};

describe('formatActivity: one row per event type', () => {
  const cases: { name: string; a: Activity; want: string }[] = [
    {
      name: 'datastore_request_result succeeded',
      a: activity('datastore_request_result', { datastore_name: 'tasks', request_type: 'get', details: 'id: 42' }),
      want: `${T} [info] [Datastore:tasks] (Trace=Tr1) Datastore get succeeded with 'id: 42'`,
    },
    {
      name: 'datastore_request_result failed',
      a: activity('datastore_request_result', { datastore_name: 'tasks', request_type: 'put', details: 'id: 42', error: 'item too large' }, 'error'),
      want: `${T} [error] [Datastore:tasks] (Trace=Tr1) Datastore put failed with 'id: 42'\n\titem too large`,
    },
    {
      name: 'external_auth_missing_function',
      a: activity('external_auth_missing_function', { function_id: 'Fn9' }, 'warn'),
      want: `${T} [warn] [Fn1] (Trace=Tr1) Step function 'Fn9' is missing`,
    },
    {
      name: 'external_auth_missing_oauth_token_or_selected_auth',
      a: activity('external_auth_missing_oauth_token_or_selected_auth', { code: 'Wf1' }),
      want: `${T} [info] [Fn1] (Trace=Tr1) Missing mapped token for workflow 'Wf1'`,
    },
    {
      name: 'external_auth_result completed (no template)',
      a: activity('external_auth_result', { user_id: 'U1', team_id: 'T1', app_id: 'A1', provider_key: 'google' }),
      want: `Auth completed for user 'U1' on team 'T1' for app 'A1' and provider 'google'`,
    },
    {
      name: 'external_auth_result failed with code and extra message',
      a: activity(
        'external_auth_result',
        { user_id: 'U1', team_id: 'T1', app_id: 'A1', provider_key: 'google', code: 'invalid_grant', extra_message: 'token revoked\nby admin' },
        'error',
      ),
      want: `Auth failed for user 'U1' on team 'T1' for app 'A1' and provider 'google'\n\tinvalid_grant\n\t\ttoken revoked\n\t\tby admin`,
    },
    {
      name: 'external_auth_started succeeded',
      a: activity('external_auth_started', { user_id: 'U1', team_id: 'T1', app_id: 'A1', provider_key: 'github' }),
      want: `Auth start succeeded by user 'U1' on team 'T1' for app 'A1' and provider 'github'`,
    },
    {
      name: 'external_auth_started failed',
      a: activity('external_auth_started', { user_id: 'U1', team_id: 'T1', app_id: 'A1', provider_key: 'github', code: 'no_client' }, 'error'),
      want: `Auth start failed by user 'U1' on team 'T1' for app 'A1' and provider 'github'\n\tno_client`,
    },
    {
      name: 'external_auth_token_fetch_result succeeded',
      a: activity('external_auth_token_fetch_result', { user_id: 'U1', team_id: 'T1', app_id: 'A1', provider_key: 'github' }),
      want: `Token fetch succeeded for user 'U1' on team 'T1' for app 'A1' and provider 'github'`,
    },
    {
      name: 'external_auth_token_fetch_result failed',
      a: activity('external_auth_token_fetch_result', { user_id: 'U1', team_id: 'T1', app_id: 'A1', provider_key: 'github', code: 'token_expired' }, 'error'),
      want: `Token fetch failed for user 'U1' on team 'T1' for app 'A1' and provider 'github'\n\ttoken_expired`,
    },
    {
      name: 'function_deployment (own format, no component or trace)',
      a: activity('function_deployment', { action: 'create', user_id: 'U1', team_id: 'T1' }),
      want: `${T} [info] Application created by user 'U1' on team 'T1'`,
    },
    {
      name: 'function_execution_output, multi-line log indented, trailing newline dropped',
      a: activity('function_execution_output', { log: 'hello\nworld\r\n  indented\n' }, 'info', { source: 'developer' }),
      want: `${T} [info] [Fn1] (Trace=Tr1) Function output:\n\thello\n\tworld\n\t  indented`,
    },
    {
      name: 'trigger_payload_received',
      a: activity('trigger_payload_received', { log: '{\n  "user": "U1"\n}' }, 'info', { component_id: 'Ft1' }),
      want: `${T} [info] [Ft1] (Trace=Tr1) Trigger payload:\n\t{\n\t  "user": "U1"\n\t}`,
    },
    {
      name: 'function_execution_result completed',
      a: activity('function_execution_result', { function_name: 'Send a greeting', function_type: 'app' }),
      want: `${T} [info] [Fn1] (Trace=Tr1) Function 'Send a greeting' (app function) completed`,
    },
    {
      name: 'function_execution_result failed with a multi-line error',
      a: activity(
        'function_execution_result',
        { function_name: 'Send a greeting', function_type: 'app', error: 'TypeError: x is undefined\n    at main (fn.ts:3)' },
        'fatal',
      ),
      want: `${T} [fatal] [Fn1] (Trace=Tr1) Function 'Send a greeting' (app function) failed\n\tTypeError: x is undefined\n\t    at main (fn.ts:3)`,
    },
    {
      name: 'function_execution_started',
      a: activity('function_execution_started', { function_name: 'Send a greeting', function_type: 'app' }),
      want: `${T} [info] [Fn1] (Trace=Tr1) Function 'Send a greeting' (app function) started`,
    },
    {
      name: 'trigger_executed with a trigger type',
      a: activity('trigger_executed', { function_name: 'Send a greeting', trigger: { type: 'shortcut' } }, 'info', { component_id: 'a789' }),
      want: `${T} [info] [a789] (Trace=Tr1) Shortcut trigger successfully started execution of function 'Send a greeting'`,
    },
    {
      name: 'trigger_executed without a trigger object',
      a: activity('trigger_executed', { function_name: 'Send a greeting' }),
      want: `${T} [info] [Fn1] (Trace=Tr1) Trigger successfully started execution of function 'Send a greeting'`,
    },
    {
      name: 'trigger_executed error: one templated line per error',
      a: activity(
        'trigger_executed',
        {
          function_name: 'Send a greeting',
          reason: 'parameter_validation_failed',
          errors: '["Null value for non-nullable parameter ```channel```","Unknown parameter `x`"]',
        },
        'error',
      ),
      want: [
        `${T} [error] [Fn1] (Trace=Tr1) Trigger for workflow 'Send a greeting' failed: parameter_validation_failed`,
        `${T} [error] [Fn1] (Trace=Tr1)   - Null value for non-nullable parameter \`\`\`channel\`\`\``,
        `${T} [error] [Fn1] (Trace=Tr1)   - Unknown parameter \`x\``,
      ].join('\n'),
    },
    {
      name: 'trigger_executed error with null errors: only the first line',
      a: activity('trigger_executed', { function_name: 'Send a greeting', reason: 'internal_error', errors: null }, 'error'),
      want: `${T} [error] [Fn1] (Trace=Tr1) Trigger for workflow 'Send a greeting' failed: internal_error`,
    },
    {
      name: 'trigger_executed error whose errors are not JSON: shown as they are',
      a: activity('trigger_executed', { function_name: 'W', reason: 'r', errors: 'plain words' }, 'error'),
      want: `${T} [error] [Fn1] (Trace=Tr1) Trigger for workflow 'W' failed: r\n${T} [error] [Fn1] (Trace=Tr1)   - plain words`,
    },
    {
      name: 'trigger_executed: an upper-case type is title-cased, an empty one reads as plain Trigger',
      a: activity('trigger_executed', { function_name: 'W', trigger: { type: 'SCHEDULED' } }),
      want: `${T} [info] [Fn1] (Trace=Tr1) Scheduled trigger successfully started execution of function 'W'`,
    },
    {
      name: 'trigger_executed with an empty trigger type',
      a: activity('trigger_executed', { function_name: 'W', trigger: { type: '' } }),
      want: `${T} [info] [Fn1] (Trace=Tr1) Trigger successfully started execution of function 'W'`,
    },
    {
      name: 'trigger_executed error whose errors are an array, one of them multi-line',
      a: activity('trigger_executed', { function_name: 'W', reason: 'r', errors: ['a', 'b\nc'] }, 'error'),
      want: `${T} [error] [Fn1] (Trace=Tr1) Trigger for workflow 'W' failed: r\n${T} [error] [Fn1] (Trace=Tr1)   - a\n${T} [error] [Fn1] (Trace=Tr1)   - b\n\tc`,
    },
    {
      name: 'workflow_billing_result billed',
      a: activity('workflow_billing_result', { workflow_name: 'Greet', is_billing_result: true, billing_reason: 'execution' }),
      want: `${T} [info] [Fn1] (Trace=Tr1) Workflow 'Greet' billing reason 'execution'`,
    },
    {
      name: 'workflow_billing_result excluded, no name',
      a: activity('workflow_billing_result', { is_billing_result: false }),
      want: `${T} [info] [Fn1] (Trace=Tr1) Workflow is excluded from billing`,
    },
    {
      name: 'workflow_bot_invited',
      a: activity('workflow_bot_invited', { channel_id: 'C1', bot_user_id: 'B1' }),
      want: `${T} [info] [Fn1] (Trace=Tr1) Channel C1 detected in workflow configuration. Bot user B1 automatically invited.`,
    },
    {
      name: 'workflow_created_from_template',
      a: activity('workflow_created_from_template', { workflow_name: 'Greet', template_id: 'tpl1' }),
      want: `${T} [info] [Fn1] (Trace=Tr1) Workflow 'Greet' created from template 'tpl1'`,
    },
    {
      name: 'workflow_execution_result completed',
      a: activity('workflow_execution_result', { workflow_name: 'Greet' }, 'info', { component_id: 'Wf1' }),
      want: `${T} [info] [Wf1] (Trace=Tr1) Workflow 'Greet' completed`,
    },
    {
      name: 'workflow_execution_result failed with error',
      a: activity('workflow_execution_result', { workflow_name: 'Greet', error: 'step 2 failed' }, 'error', { component_id: 'Wf1' }),
      want: `${T} [error] [Wf1] (Trace=Tr1) Workflow 'Greet' failed\n\tstep 2 failed`,
    },
    {
      name: 'workflow_execution_started',
      a: activity('workflow_execution_started', { workflow_name: 'Greet' }, 'info', { component_id: 'Wf1' }),
      want: `${T} [info] [Wf1] (Trace=Tr1) Workflow 'Greet' started`,
    },
    {
      name: 'workflow_published',
      a: activity('workflow_published', { workflow_name: 'Greet' }),
      want: `${T} [info] [Fn1] (Trace=Tr1) Workflow 'Greet' published`,
    },
    {
      name: 'workflow_unpublished',
      a: activity('workflow_unpublished', { workflow_name: 'Greet' }),
      want: `${T} [info] [Fn1] (Trace=Tr1) Workflow 'Greet' unpublished`,
    },
    {
      name: 'workflow_step_execution_result completed',
      a: activity('workflow_step_execution_result', { function_name: 'Send message' }),
      want: `${T} [info] [Fn1] (Trace=Tr1) Workflow step 'Send message' completed`,
    },
    {
      name: 'workflow_step_execution_result failed',
      a: activity('workflow_step_execution_result', { function_name: 'Send message' }, 'error'),
      want: `${T} [error] [Fn1] (Trace=Tr1) Workflow step 'Send message' failed`,
    },
    {
      name: 'workflow_step_started: numbers without decimals',
      a: activity('workflow_step_started', { current_step: 2, total_steps: 3.0 }),
      want: `${T} [info] [Fn1] (Trace=Tr1) Workflow step 2 of 3 started`,
    },
    {
      name: 'unknown event type: compact JSON of the payload',
      a: activity('brand_new_event', { some: 'data', n: [1, 2] }, 'info', { component_id: 'a789', trace_id: 'a123' }),
      want: `${T} [info] [a789] (Trace=a123) {"some":"data","n":[1,2]}`,
    },
    {
      name: 'unknown event type without payload: empty message',
      a: activity('brand_new_event', null as unknown as Record<string, unknown>),
      want: `${T} [info] [Fn1] (Trace=Tr1) `,
    },
  ];

  it.each(cases)('$name', ({ a, want }) => {
    expect(utc(a)).toBe(want);
  });
});

describe('formatActivity: missing payload keys print as empty strings', () => {
  it.each([
    ['function_execution_started', `Function '' ( function) started`],
    ['workflow_step_started', 'Workflow step  of  started'],
    ['datastore_request_result', `Datastore  succeeded with ''`],
    ['function_execution_result', `Function '' ( function) completed`],
  ])('%s', (type, message) => {
    const line = utc(activity(type, {}));
    expect(line).toBe(`${T} [info] [Fn1] (Trace=Tr1) ${message}`);
    expect(line).not.toMatch(/%!|<nil>|undefined|null/);
  });

  it('a failed auth result without code or extra message adds no empty detail lines', () => {
    expect(utc(activity('external_auth_result', {}, 'error'))).toBe(`Auth failed for user '' on team '' for app '' and provider ''`);
  });

  it('non-string values print as text, objects as JSON', () => {
    expect(utc(activity('datastore_request_result', { datastore_name: 'tasks', request_type: 'query', details: { expression: '#s = :s' } }))).toBe(
      `${T} [info] [Datastore:tasks] (Trace=Tr1) Datastore query succeeded with '{"expression":"#s = :s"}'`,
    );
  });
});

describe('formatActivity: levels and colours', () => {
  it.each([
    ['trace', `${T} [trace] [Fn1] (Trace=Tr1) Workflow 'Greet' started`],
    ['debug', `${T} [debug] [Fn1] (Trace=Tr1) Workflow 'Greet' started`],
    ['info', `${T} [info] [Fn1] (Trace=Tr1) Workflow 'Greet' started`],
    ['warn', `<y>${T} [warn] [Fn1] (Trace=Tr1) Workflow 'Greet' started</y>`],
    ['error', `<r>${T} [error] [Fn1] (Trace=Tr1) Workflow 'Greet' started</r>`],
    ['fatal', `<r>${T} [fatal] [Fn1] (Trace=Tr1) Workflow 'Greet' started</r>`],
  ])('%s', (level, want) => {
    expect(formatActivity(activity('workflow_execution_started', { workflow_name: 'Greet' }, level), { paint: tags, timeZone: 'UTC' })).toBe(want);
  });

  it('colours each line of a multi-line entry on its own', () => {
    const a = activity('function_execution_result', { function_name: 'f', function_type: 'app', error: 'a\nb' }, 'error');
    expect(formatActivity(a, { paint: tags, timeZone: 'UTC' })).toBe(
      `<r>${T} [error] [Fn1] (Trace=Tr1) Function 'f' (app function) failed</r>\n<r>\ta</r>\n<r>\tb</r>`,
    );
  });

  it('auth and deployment entries are gray; a failure is red instead', () => {
    const ok = activity('external_auth_started', { user_id: 'U1', team_id: 'T1', app_id: 'A1', provider_key: 'p' });
    expect(formatActivity(ok, { paint: tags })).toBe(`<g>Auth start succeeded by user 'U1' on team 'T1' for app 'A1' and provider 'p'</g>`);
    const failed = { ...ok, level: 'error', payload: { ...ok.payload, code: 'denied' } };
    expect(formatActivity(failed, { paint: tags })).toBe(`<r>Auth start failed by user 'U1' on team 'T1' for app 'A1' and provider 'p'</r>\n<r>\tdenied</r>`);
  });

  it('a deployment shows the cloud when colours are on, or when asked', () => {
    const a = activity('function_deployment', { action: 'update', user_id: 'U1', team_id: 'T1' });
    expect(formatActivity(a, { paint: tags, timeZone: 'UTC' })).toBe(`<g>☁️  ${T} [info] Application updated by user 'U1' on team 'T1'</g>`);
    expect(formatActivity(a, { paint: tags, timeZone: 'UTC', emoji: false })).toBe(`<g>${T} [info] Application updated by user 'U1' on team 'T1'</g>`);
    expect(formatActivity(a, { paint: noPaint, timeZone: 'UTC', emoji: true })).toBe(`☁️  ${T} [info] Application updated by user 'U1' on team 'T1'`);
  });

  it('colours off: no escape codes at all', () => {
    const a = activity('workflow_execution_result', { workflow_name: 'Greet', error: 'x' }, 'error');
    expect(formatActivity(a, { paint: noPaint, timeZone: 'UTC' })).not.toMatch(/\x1b|</);
  });
});

describe('formatActivity: time', () => {
  const a = activity('workflow_published', { workflow_name: 'W' }, 'info', { created: 1_700_000_000_999_999 });

  it('microseconds are cut to whole seconds', () => {
    expect(utc(a)).toMatch(/^2023-11-14 22:13:20 /);
  });

  it('honours a named time zone', () => {
    expect(formatActivity(a, { paint: noPaint, timeZone: 'Asia/Tokyo' })).toMatch(/^2023-11-15 07:13:20 /);
    expect(formatActivity(a, { paint: noPaint, timeZone: 'America/New_York' })).toMatch(/^2023-11-14 17:13:20 /);
  });

  it('defaults to the process time zone', () => {
    const d = new Date(1_700_000_000_000);
    const hh = String(d.getHours()).padStart(2, '0');
    expect(formatActivity(a, { paint: noPaint })).toContain(` ${hh}:13:20 [info]`);
  });
});

describe('activityMessage', () => {
  it('is the message without the frame', () => {
    expect(activityMessage(activity('workflow_step_started', { current_step: 1, total_steps: 2 }))).toBe('Workflow step 1 of 2 started');
  });
});

describe('matchesSearch', () => {
  const a = activity('function_execution_output', { log: 'Hello\nWorld' });

  it.each([
    ['world', true],
    ['HELLO', true],
    ['function output', true],
    ['Trace=Tr1', true],
    ['22:13:20', false],
    ['goodbye', false],
  ])('%s → %s', (query, want) => {
    expect(matchesSearch(a, query, { timeZone: 'America/New_York' })).toBe(want);
  });
});
