import { describe, expect, it } from 'vitest';
import { noPaint, type Paint } from '../lib/paint.js';
import { renderTrace } from './trace-render.js';
import { buildTrace, type TraceNode } from '../lib/activity/trace.js';
import type { Activity } from './types.js';

const T0 = 1_700_000_000_000_000;

function ev(ms: number, event_type: string, component_id: string, payload: Record<string, unknown>, level = 'info'): Activity {
  return { trace_id: 'Tr1', level, event_type, source: 'slack', component_type: 'functions', component_id, payload, created: T0 + ms * 1000 };
}

const tags: Paint = {
  bold: (s) => `<b>${s}</b>`,
  dim: (s) => `<d>${s}</d>`,
  red: (s) => `<r>${s}</r>`,
  green: (s) => s,
  yellow: (s) => `<y>${s}</y>`,
  cyan: (s) => s,
  gray: (s) => s,
};
const plain = (list: Activity[]) => renderTrace(buildTrace(list), { paint: noPaint, timeZone: 'UTC' });

/** The tree as "kind name status" lines, for assertions about shape only. */
function shape(n: TraceNode, depth = 0): string[] {
  const self = `${'  '.repeat(depth)}${n.kind} ${n.name} ${n.status}`;
  return [self, ...n.children.flatMap((c) => shape(c, depth + 1))];
}

const countEvents = (n: TraceNode): number => n.events.length + n.children.reduce((sum, c) => sum + countEvents(c), 0);

/** A shortcut runs a two-step workflow: a custom function that reads a datastore, then Slack's send_message. */
const success: Activity[] = [
  ev(0, 'trigger_payload_received', 'Ft1', { log: '{\n  "user_id": "U1"\n}' }),
  ev(1, 'trigger_executed', 'Ft1', { function_name: 'Greet', trigger: { type: 'shortcut' } }),
  ev(2, 'workflow_execution_started', 'Wf1', { workflow_name: 'Greet' }),
  ev(3, 'workflow_step_started', 'Wf1', { current_step: 1, total_steps: 2 }),
  ev(4, 'function_execution_started', 'Fn1', { function_name: 'Build greeting', function_type: 'app' }),
  ev(50, 'function_execution_output', 'Fn1', { log: 'building\nfor U1\n' }),
  ev(80, 'datastore_request_result', 'Fn1', { datastore_name: 'greetings', request_type: 'get', details: 'id: 1' }),
  ev(124, 'function_execution_result', 'Fn1', { function_name: 'Build greeting', function_type: 'app' }),
  ev(130, 'workflow_step_execution_result', 'Wf1', { function_name: 'Build greeting' }),
  ev(131, 'workflow_step_started', 'Wf1', { current_step: 2, total_steps: 2 }),
  ev(132, 'function_execution_started', 'Fn0', { function_name: 'Send a message', function_type: 'slack' }),
  ev(1350, 'function_execution_result', 'Fn0', { function_name: 'Send a message', function_type: 'slack' }),
  ev(1351, 'workflow_step_execution_result', 'Wf1', { function_name: 'Send a message' }),
  ev(1352, 'workflow_execution_result', 'Wf1', { workflow_name: 'Greet' }),
  ev(1353, 'workflow_billing_result', 'Wf1', { workflow_name: 'Greet', is_billing_result: true, billing_reason: 'execution' }),
];

describe('buildTrace and renderTrace', () => {
  it('a successful execution, given newest first as the API sends it', () => {
    expect(plain([...success].reverse())).toBe(
      [
        'Trace Tr1 · 2023-11-14 22:13:20 · 1.35 s · completed',
        "  +0 ms  └─ ✓ Shortcut trigger → 'Greet' Ft1",
        '  +0 ms     ├─ payload: {',
        '            │             "user_id": "U1"',
        '            │           }',
        "  +2 ms     ├─ ✓ Workflow 'Greet' Wf1 · 1.35 s",
        "  +3 ms     │  ├─ ✓ Step 1 of 2 'Build greeting' Wf1 · 127 ms",
        "  +4 ms     │  │  └─ ✓ Function 'Build greeting' (app function) Fn1 · 120 ms",
        ' +50 ms     │  │     ├─ output: building',
        '            │  │     │          for U1',
        " +80 ms     │  │     └─ Datastore 'greetings' get succeeded with 'id: 1'",
        "+131 ms     │  └─ ✓ Step 2 of 2 'Send a message' Wf1 · 1.22 s",
        "+132 ms     │     └─ ✓ Function 'Send a message' (slack function) Fn0 · 1.22 s",
        "+1.35 s     └─ Workflow 'Greet' billing reason 'execution'",
      ].join('\n'),
    );
  });

  it('a failed execution: the failing function, step and workflow are red and marked, with their errors', () => {
    const failing = [
      ...success.slice(0, 11),
      ev(
        1350,
        'function_execution_result',
        'Fn0',
        { function_name: 'Send a message', function_type: 'slack', error: 'channel_not_found\nno such channel: C0' },
        'error',
      ),
      ev(1351, 'workflow_step_execution_result', 'Wf1', { function_name: 'Send a message' }, 'error'),
      ev(1352, 'workflow_execution_result', 'Wf1', { workflow_name: 'Greet', error: 'Step 2 failed' }, 'error'),
    ];
    const tree = buildTrace(failing);
    expect(tree.status).toBe('failed');
    expect(renderTrace(tree, { paint: tags, timeZone: 'UTC' })).toBe(
      [
        '<b>Trace Tr1</b> · 2023-11-14 22:13:20 · 1.35 s · <r>failed</r>',
        "  +0 ms  └─ ✓ Shortcut trigger → 'Greet' <d>Ft1</d>",
        '  +0 ms     ├─ payload: {',
        '            │             "user_id": "U1"',
        '            │           }',
        "  +2 ms     └─ <r>✗ Workflow 'Greet' <d>Wf1</d> · 1.35 s · failed</r>",
        '               │  <r>error: Step 2 failed</r>',
        "  +3 ms        ├─ ✓ Step 1 of 2 'Build greeting' <d>Wf1</d> · 127 ms",
        "  +4 ms        │  └─ ✓ Function 'Build greeting' (app function) <d>Fn1</d> · 120 ms",
        ' +50 ms        │     ├─ output: building',
        '               │     │          for U1',
        " +80 ms        │     └─ Datastore 'greetings' get succeeded with 'id: 1'",
        "+131 ms        └─ <r>✗ Step 2 of 2 'Send a message' <d>Wf1</d> · 1.22 s · failed</r>",
        "+132 ms           └─ <r>✗ Function 'Send a message' (slack function) <d>Fn0</d> · 1.22 s · failed</r>",
        '                        <r>error: channel_not_found</r>',
        '                        <r>  no such channel: C0</r>',
      ].join('\n'),
    );
  });

  it('a failed trigger, a failed datastore call and a warning', () => {
    const list = [
      ev(0, 'trigger_executed', 'Ft1', { function_name: 'Greet', reason: 'parameter_validation_failed', errors: '["bad channel"]' }, 'error'),
      ev(1, 'datastore_request_result', 'Fn1', { datastore_name: 'd', request_type: 'put', details: 'id: 2', error: 'too large' }, 'error'),
      ev(2, 'external_auth_missing_function', 'Fn1', { function_id: 'Fn9' }, 'warn'),
    ];
    expect(renderTrace(buildTrace(list), { paint: tags, timeZone: 'UTC' })).toBe(
      [
        '<b>Trace Tr1</b> · 2023-11-14 22:13:20 · 2 ms · <r>failed</r>',
        "+0 ms  └─ <r>✗ Trigger → 'Greet' <d>Ft1</d> · failed</r>",
        '          │  <r>error: parameter_validation_failed</r>',
        '          │  <r>  - bad channel</r>',
        "+1 ms     ├─ <r>✗ Datastore 'd' put failed with 'id: 2'</r>",
        '          │     <r>error: too large</r>',
        "+2 ms     └─ <y>Step function 'Fn9' is missing</y>",
      ].join('\n'),
    );
  });

  it('interleaved, orphaned and unknown events are all kept, at the nearest level in time order', () => {
    const list = [
      ev(0, 'app_installed', 'A1', { by: 'U1' }),
      ev(5, 'function_execution_result', 'Fn7', { function_name: 'Lost start', function_type: 'app' }),
      ev(10, 'workflow_execution_started', 'Wf1', { workflow_name: 'W' }),
      ev(11, 'workflow_step_started', 'Wf1', { current_step: 1, total_steps: 1 }),
      ev(12, 'function_execution_started', 'Fn1', { function_name: 'F', function_type: 'app' }),
      ev(13, 'mystery', 'Fn1', { some: 'data' }),
      ev(14, 'function_execution_result', 'Fn1', { function_name: 'F', function_type: 'app' }),
      ev(15, 'function_execution_output', 'Fn1', { log: 'late line' }),
      ev(20, 'workflow_step_started', 'Wf1', { current_step: 2, total_steps: 2 }),
      ev(21, 'function_execution_started', 'Fn2', { function_name: 'Never ends', function_type: 'app' }),
    ];
    const shuffled = [list[6], list[2], list[9], list[0], list[4], list[8], list[1], list[7], list[3], list[5]] as Activity[];
    const tree = buildTrace(shuffled);
    expect(countEvents(tree)).toBe(list.length);
    expect(tree.status).toBe('unfinished');
    expect(shape(tree)).toEqual([
      'trace Tr1 unfinished',
      '  event app_installed ok',
      '  function Lost start ok',
      '  workflow W unfinished',
      '    step  unfinished',
      '      function F ok',
      '        event mystery ok',
      '      event function_execution_output ok',
      '    step  unfinished',
      '      function Never ends unfinished',
    ]);
    expect(renderTrace(tree, { paint: noPaint, timeZone: 'UTC' })).toBe(
      [
        'Trace Tr1 · 2023-11-14 22:13:20 · 21 ms · unfinished',
        ' +0 ms  ├─ app_installed {"by":"U1"}',
        " +5 ms  ├─ ✓ Function 'Lost start' (app function) Fn7",
        "+10 ms  └─ … Workflow 'W' Wf1 · no result",
        '+11 ms     ├─ … Step 1 of 1 Wf1 · no result',
        "+12 ms     │  ├─ ✓ Function 'F' (app function) Fn1 · 2 ms",
        '+13 ms     │  │  └─ mystery {"some":"data"}',
        '+15 ms     │  └─ output: late line',
        '+20 ms     └─ … Step 2 of 2 Wf1 · no result',
        "+21 ms        └─ … Function 'Never ends' (app function) Fn2 · no result",
      ].join('\n'),
    );
  });

  it('activities created in the same microsecond still nest in their natural order', () => {
    const same = success.slice(2, 9).map((a) => ({ ...a, created: T0 }));
    expect(shape(buildTrace([...same].reverse())).slice(1, 4)).toEqual([
      '  workflow Greet unfinished',
      '    step Build greeting ok',
      '      function Build greeting ok',
    ]);
    expect(shape(buildTrace(same))).toEqual([
      'trace Tr1 unfinished',
      '  workflow Greet unfinished',
      '    step Build greeting ok',
      '      function Build greeting ok',
      '        event function_execution_output ok',
      '        event datastore_request_result ok',
    ]);
  });

  it('a trigger result logged after the workflow it started still heads the tree', () => {
    const list = [
      ev(0, 'workflow_execution_started', 'Wf1', { workflow_name: 'W' }),
      ev(1, 'trigger_executed', 'Ft1', { function_name: 'W', trigger: { type: 'webhook' } }),
      ev(2, 'trigger_payload_received', 'Ft1', { log: '{}' }),
      ev(3, 'workflow_execution_result', 'Wf1', { workflow_name: 'W' }),
      ev(9, 'trigger_executed', 'Ft2', { function_name: 'W', trigger: { type: 'webhook' } }),
    ];
    expect(shape(buildTrace(list))).toEqual(['trace Tr1 ok', '  trigger W ok', '    workflow W ok', '    event trigger_payload_received ok', '  trigger W ok']);
  });

  it("a workflow's own function (logged around the workflow, runtime contract §5.2, §5.3) joins the workflow's span", () => {
    const list = [
      ev(0, 'trigger_executed', 'Wf1', { function_name: 'Approval Workflow', trigger: { type: 'webhook' } }),
      ev(1, 'function_execution_started', 'FnW', { function_name: 'Approval Workflow', function_type: 'workflow' }),
      ev(2, 'workflow_execution_started', 'Wf1', { workflow_name: 'Approval Workflow' }),
      ev(3, 'workflow_step_started', 'Wf1', { current_step: 1, total_steps: 1 }),
      ev(4, 'function_execution_started', 'Fn1', { function_name: 'Approval', function_type: 'app' }),
      ev(60_004, 'function_execution_result', 'Fn1', { function_name: 'Approval', function_type: 'app', error: 'event_dispatch_failed' }, 'error'),
      ev(60_005, 'workflow_step_execution_result', 'Wf1', { function_name: 'Approval' }, 'error'),
      ev(60_006, 'workflow_execution_result', 'Wf1', { workflow_name: 'Approval Workflow', error: 'Function failed to execute' }, 'error'),
      ev(
        60_007,
        'function_execution_result',
        'FnW',
        { function_name: 'Approval Workflow', function_type: 'workflow', error: 'Function failed to execute' },
        'error',
      ),
    ];
    expect(plain(list)).toBe(
      [
        'Trace Tr1 · 2023-11-14 22:13:20 · 1 min 0 s · failed',
        "+0 ms  └─ ✓ Webhook trigger → 'Approval Workflow' Wf1",
        "+1 ms     └─ ✗ Workflow 'Approval Workflow' Wf1 · 1 min 0 s · failed",
        '             │  error: Function failed to execute',
        "+3 ms        └─ ✗ Step 1 of 1 'Approval' Wf1 · 1 min 0 s · failed",
        "+4 ms           └─ ✗ Function 'Approval' (app function) Fn1 · 1 min 0 s · failed",
        '                      error: event_dispatch_failed',
      ].join('\n'),
    );
    const ok = buildTrace([...list.slice(0, 5), ev(5, 'function_execution_result', 'Fn1', { function_name: 'Approval', function_type: 'app' })]);
    expect(shape(ok)[2]).toBe('    workflow Approval Workflow unfinished');
    expect(countEvents(buildTrace(list))).toBe(list.length);
  });

  it('an empty list', () => {
    const tree = buildTrace([]);
    expect(tree).toEqual({ kind: 'trace', name: '', component_id: '', status: 'ok', level: '', events: [], children: [] });
    expect(renderTrace(tree, { paint: noPaint })).toBe('No activities in this trace.');
    expect(JSON.stringify(tree)).toBe('{"kind":"trace","name":"","component_id":"","status":"ok","level":"","events":[],"children":[]}');
  });
});

describe('the JSON shape', () => {
  it('is plain data: spans with their events, times in microseconds, durations in milliseconds', () => {
    const tree = JSON.parse(JSON.stringify(buildTrace(success.slice(2, 9)))) as TraceNode;
    const workflow = tree.children[0] as TraceNode;
    const step = workflow.children[0] as TraceNode;
    const fn = step.children[0] as TraceNode;
    expect(tree).toMatchObject({ kind: 'trace', name: 'Tr1', status: 'unfinished', started_at: T0 + 2000, ended_at: T0 + 130_000, duration_ms: 128 });
    expect(workflow).toMatchObject({ kind: 'workflow', name: 'Greet', component_id: 'Wf1', status: 'unfinished', started_at: T0 + 2000 });
    expect(workflow).not.toHaveProperty('ended_at');
    expect(step).toMatchObject({ kind: 'step', name: 'Build greeting', status: 'ok', started_at: T0 + 3000, ended_at: T0 + 130_000, duration_ms: 127 });
    expect(step.events.map((e) => e.event_type)).toEqual(['workflow_step_started', 'workflow_step_execution_result']);
    expect(fn).toMatchObject({ kind: 'function', name: 'Build greeting', level: 'info', duration_ms: 120 });
    expect(fn.children.map((c) => [c.kind, c.name, c.events[0]?.payload])).toEqual([
      ['event', 'function_execution_output', { log: 'building\nfor U1\n' }],
      ['event', 'datastore_request_result', { datastore_name: 'greetings', request_type: 'get', details: 'id: 1' }],
    ]);
  });

  it('a result without its start has an end but no start or duration', () => {
    const tree = buildTrace([
      ev(0, 'workflow_execution_started', 'Wf1', { workflow_name: 'W' }),
      ev(1, 'function_execution_started', 'Fn1', { function_name: 'F', function_type: 'app' }),
      ev(2, 'workflow_step_execution_result', 'Wf1', { function_name: 'F' }),
    ]);
    expect(shape(tree)).toEqual(['trace Tr1 unfinished', '  workflow W unfinished', '    function F unfinished', '    step F ok']);
    const step = tree.children[0]?.children[1];
    expect(step).toMatchObject({ kind: 'step', ended_at: T0 + 2000 });
    expect(step).not.toHaveProperty('started_at');
    expect(step).not.toHaveProperty('duration_ms');
  });

  it('a failed span carries its error and level', () => {
    const tree = buildTrace([
      ev(0, 'function_execution_started', 'Fn1', { function_name: 'F', function_type: 'app' }),
      ev(3, 'function_execution_result', 'Fn1', { function_name: 'F', function_type: 'app', error: 'boom' }, 'fatal'),
    ]);
    expect(tree.children[0]).toMatchObject({ kind: 'function', status: 'failed', level: 'fatal', error: 'boom', duration_ms: 3 });
  });
});
