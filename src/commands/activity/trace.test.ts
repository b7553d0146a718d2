import { describe, expect, it } from 'vitest';
import { activity, ActivityLog } from '../../../test/helpers/activity.js';
import { runCliInProcess } from '../../../test/helpers/test-context.js';
import { server } from '../../../test/msw/server.js';
import { API, calls } from '../../../test/msw/slack.js';

const CI = ['--token', 'xoxb-test', '--app', 'A0APP00001', '--apihost', API];
const T0 = 1_700_000_000_000_000;
const run = (over: Parameters<typeof activity>[0]) =>
  activity({ trace_id: 'TrRUN', component_type: 'workflows', component_id: 'Wf1', source: 'slack', ...over });

/** A workflow whose second step's function fails, plus noise from another trace. */
function execution(): ActivityLog {
  return new ActivityLog().append(
    run({ created: T0, event_type: 'workflow_execution_started', payload: { workflow_name: 'Onboard' } }),
    run({ created: T0 + 1000, event_type: 'workflow_step_started', payload: { current_step: 1, total_steps: 1, function_name: 'Greet' } }),
    run({
      created: T0 + 2000,
      event_type: 'function_execution_started',
      component_type: 'functions',
      component_id: 'Fn1',
      payload: { function_name: 'Greet', function_type: 'app' },
    }),
    run({
      created: T0 + 3000,
      event_type: 'function_execution_output',
      level: 'debug',
      component_type: 'functions',
      component_id: 'Fn1',
      source: 'developer',
      payload: { log: 'hi' },
    }),
    run({
      created: T0 + 250_000,
      event_type: 'function_execution_result',
      level: 'error',
      component_type: 'functions',
      component_id: 'Fn1',
      payload: { function_name: 'Greet', function_type: 'app', error: 'boom' },
    }),
    run({ created: T0 + 251_000, event_type: 'workflow_step_execution_result', level: 'error', payload: { function_name: 'Greet' } }),
    run({ created: T0 + 252_000, event_type: 'workflow_execution_result', level: 'error', payload: { workflow_name: 'Onboard', error: 'boom' } }),
    activity({ created: T0 + 5, trace_id: 'TrOTHER', event_type: 'function_execution_output', payload: { log: 'elsewhere' } }),
  );
}

describe('rosi activity trace', () => {
  it('asks for every level of one trace, oldest first, and draws the tree with the failure marked', async () => {
    server.use(execution().handler());
    const r = await runCliInProcess(['activity', 'trace', 'TrRUN', ...CI], { env: { TZ: 'UTC' } });
    expect(r.code, r.stderr).toBe(0);
    expect(calls('apps.activities.list')[0]!.params).toMatchObject({ app_id: 'A0APP00001', min_log_level: 'trace', trace_id: 'TrRUN', sort_direction: 'asc' });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Trace TrRUN · 2023-11-14 22:13:20 · /);
    expect(r.stdout).toContain('Onboard');
    expect(r.stdout).toContain('✗');
    expect(r.stdout).toContain('boom');
    expect(r.stdout).toContain('hi');
    expect(r.stdout).not.toContain('elsewhere');
  });

  it('--json gives the same tree as data', async () => {
    server.use(execution().handler());
    const r = await runCliInProcess(['activity', 'trace', 'TrRUN', '--json', ...CI]);
    const tree = JSON.parse(r.stdout) as { kind: string; status: string; children: { kind: string }[] };
    expect(tree).toMatchObject({ kind: 'trace', name: 'TrRUN', status: 'failed' });
    expect(tree.children.length).toBeGreaterThan(0);
  });

  it('an unknown trace ID exits 1 and says where trace IDs come from', async () => {
    server.use(execution().handler());
    const r = await runCliInProcess(['activity', 'trace', 'TrNOPE', ...CI]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('No activity of app A0APP00001 has trace ID TrNOPE');
    expect(r.stdout).toBe('');
  });
});
