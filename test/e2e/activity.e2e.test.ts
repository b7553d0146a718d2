import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRosi, tempHome, type EmulatorHandle } from '../helpers/e2e.js';
import { APP, appendActivities, nowMicros, startActivityEmulator, type NewActivity } from '../helpers/activity-e2e.js';
import { loginSplit } from './login-helpers.js';

let emu: EmulatorHandle;
let home: string;
let cleanup: () => void;
let now: number;
const seeded: Record<string, unknown>[] = [];

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
const MIN = 60_000_000;
const withDefaults = (a: NewActivity) => ({ level: 'info', source: 'slack', component_type: '', component_id: '', trace_id: 'TrNONE', payload: {}, ...a });

/** A spread of levels, sources, components and traces for the filter table, 40 minutes ago. */
function filterSet(): NewActivity[] {
  const levels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
  return Array.from({ length: 18 }, (_, i) => ({
    event_type: i % 3 === 0 ? 'workflow_execution_started' : 'function_execution_output',
    level: levels[i % 6],
    source: i % 2 ? 'developer' : 'slack',
    component_type: i % 3 === 0 ? 'workflows' : 'functions',
    component_id: i % 3 === 0 ? 'WfF' : `FnF${i % 2}`,
    trace_id: `TrF${i % 4}`,
    payload: i % 3 === 0 ? { workflow_name: `w${i}` } : { log: `f${i}` },
    created: now - 40 * MIN + i * 1_000_000,
  }));
}

/** Every event type of contract §7.5 (and one rosi does not know), 50 minutes ago, one second apart. */
const TYPES: [NewActivity, string][] = [
  [
    {
      event_type: 'datastore_request_result',
      component_type: 'tables',
      component_id: 'tasks',
      payload: { datastore_name: 'tasks', request_type: 'put', details: 'id: 1' },
    },
    "[info] [Datastore:tasks] (Trace=TrTYPES) Datastore put succeeded with 'id: 1'",
  ],
  [
    {
      event_type: 'datastore_request_result',
      level: 'error',
      component_type: 'tables',
      component_id: 'tasks',
      payload: { datastore_name: 'tasks', request_type: 'get', details: 'id: 2', error: 'not_found' },
    },
    "[error] [Datastore:tasks] (Trace=TrTYPES) Datastore get failed with 'id: 2'\n\tnot_found",
  ],
  [{ event_type: 'external_auth_missing_function', payload: { function_id: 'Fn9' } }, "[info] [Fn1] (Trace=TrTYPES) Step function 'Fn9' is missing"],
  [
    { event_type: 'external_auth_missing_oauth_token_or_selected_auth', payload: { code: 'Wf9' } },
    "[info] [Fn1] (Trace=TrTYPES) Missing mapped token for workflow 'Wf9'",
  ],
  [
    { event_type: 'external_auth_result', payload: { user_id: 'U1', team_id: 'T1', app_id: 'A1', provider_key: 'google' } },
    "!Auth completed for user 'U1' on team 'T1' for app 'A1' and provider 'google'",
  ],
  [
    {
      event_type: 'external_auth_result',
      level: 'error',
      payload: { user_id: 'U1', team_id: 'T1', app_id: 'A1', provider_key: 'google', code: 'denied', extra_message: 'user said no' },
    },
    "!Auth failed for user 'U1' on team 'T1' for app 'A1' and provider 'google'\n\tdenied\n\t\tuser said no",
  ],
  [
    { event_type: 'external_auth_started', payload: { user_id: 'U1', team_id: 'T1', app_id: 'A1', provider_key: 'google' } },
    "!Auth start succeeded by user 'U1' on team 'T1' for app 'A1' and provider 'google'",
  ],
  [
    {
      event_type: 'external_auth_token_fetch_result',
      level: 'error',
      payload: { user_id: 'U1', team_id: 'T1', app_id: 'A1', provider_key: 'google', code: 'expired' },
    },
    "!Token fetch failed for user 'U1' on team 'T1' for app 'A1' and provider 'google'\n\texpired",
  ],
  [
    { event_type: 'function_deployment', payload: { action: 'update', user_id: 'U1', team_id: 'T1', app_id: APP } },
    "[info] Application updated by user 'U1' on team 'T1'",
  ],
  [
    { event_type: 'function_execution_output', source: 'developer', payload: { log: 'hello\nworld\n' } },
    '[info] [Fn1] (Trace=TrTYPES) Function output:\n\thello\n\tworld',
  ],
  [{ event_type: 'trigger_payload_received', payload: { log: '{"channel":"C1"}' } }, '[info] [Fn1] (Trace=TrTYPES) Trigger payload:\n\t{"channel":"C1"}'],
  [
    { event_type: 'function_execution_started', payload: { function_name: 'Greet', function_type: 'app' } },
    "[info] [Fn1] (Trace=TrTYPES) Function 'Greet' (app function) started",
  ],
  [
    { event_type: 'function_execution_result', payload: { function_name: 'Greet', function_type: 'app' } },
    "[info] [Fn1] (Trace=TrTYPES) Function 'Greet' (app function) completed",
  ],
  [
    {
      event_type: 'function_execution_result',
      level: 'error',
      payload: { function_name: 'Greet', function_type: 'app', error: 'Cannot read properties of undefined' },
    },
    "[error] [Fn1] (Trace=TrTYPES) Function 'Greet' (app function) failed\n\tCannot read properties of undefined",
  ],
  [
    { event_type: 'trigger_executed', payload: { function_name: 'Send a greeting', trigger: { type: 'shortcut' } } },
    "[info] [Fn1] (Trace=TrTYPES) Shortcut trigger successfully started execution of function 'Send a greeting'",
  ],
  [
    {
      event_type: 'trigger_executed',
      level: 'error',
      payload: { function_name: 'Send a greeting', reason: 'parameter_validation_failed', errors: '["Null value for non-nullable parameter `channel`"]' },
    },
    "[error] [Fn1] (Trace=TrTYPES) Trigger for workflow 'Send a greeting' failed: parameter_validation_failed\n@[error] [Fn1] (Trace=TrTYPES)   - Null value for non-nullable parameter `channel`",
  ],
  [
    { event_type: 'workflow_billing_result', payload: { workflow_name: 'Onboard', is_billing_result: true, billing_reason: 'premium_step' } },
    "[info] [Fn1] (Trace=TrTYPES) Workflow 'Onboard' billing reason 'premium_step'",
  ],
  [
    { event_type: 'workflow_billing_result', payload: { workflow_name: 'Onboard', is_billing_result: false } },
    "[info] [Fn1] (Trace=TrTYPES) Workflow 'Onboard' is excluded from billing",
  ],
  [
    { event_type: 'workflow_bot_invited', payload: { channel_id: 'C1', bot_user_id: 'B1' } },
    '[info] [Fn1] (Trace=TrTYPES) Channel C1 detected in workflow configuration. Bot user B1 automatically invited.',
  ],
  [
    { event_type: 'workflow_created_from_template', payload: { workflow_name: 'Onboard', template_id: 'tpl_1' } },
    "[info] [Fn1] (Trace=TrTYPES) Workflow 'Onboard' created from template 'tpl_1'",
  ],
  [{ event_type: 'workflow_execution_started', payload: { workflow_name: 'Onboard' } }, "[info] [Fn1] (Trace=TrTYPES) Workflow 'Onboard' started"],
  [
    { event_type: 'workflow_execution_result', level: 'fatal', payload: { workflow_name: 'Onboard', error: 'step 2 failed' } },
    "[fatal] [Fn1] (Trace=TrTYPES) Workflow 'Onboard' failed\n\tstep 2 failed",
  ],
  [{ event_type: 'workflow_execution_result', payload: { workflow_name: 'Onboard' } }, "[info] [Fn1] (Trace=TrTYPES) Workflow 'Onboard' completed"],
  [{ event_type: 'workflow_published', payload: { workflow_name: 'Onboard' } }, "[info] [Fn1] (Trace=TrTYPES) Workflow 'Onboard' published"],
  [{ event_type: 'workflow_unpublished', payload: { workflow_name: 'Onboard' } }, "[info] [Fn1] (Trace=TrTYPES) Workflow 'Onboard' unpublished"],
  [
    { event_type: 'workflow_step_execution_result', level: 'warn', payload: { function_name: 'Send message' } },
    "[warn] [Fn1] (Trace=TrTYPES) Workflow step 'Send message' completed",
  ],
  [{ event_type: 'workflow_step_started', payload: { current_step: 1, total_steps: 3 } }, '[info] [Fn1] (Trace=TrTYPES) Workflow step 1 of 3 started'],
  [{ event_type: 'user_login', payload: { user_id: 'U1', team_id: 'T1' } }, '[info] [Fn1] (Trace=TrTYPES) {"user_id":"U1","team_id":"T1"}'],
];

/** One workflow run whose second step's function fails after a datastore call, from `t` on. */
function execution(t: number): NewActivity[] {
  const wf = { trace_id: 'TrEXEC', component_type: 'workflows', component_id: 'Wf1' };
  const fn = { trace_id: 'TrEXEC', component_type: 'functions', component_id: 'Fn2' };
  return [
    { ...wf, event_type: 'trigger_executed', payload: { function_name: 'Onboard', trigger: { type: 'shortcut' } }, created: t },
    { ...wf, event_type: 'workflow_execution_started', payload: { workflow_name: 'Onboard' }, created: t + 1_000 },
    { ...wf, event_type: 'workflow_step_started', payload: { current_step: 1, total_steps: 2, function_name: 'Greet' }, created: t + 2_000 },
    { ...fn, component_id: 'Fn1', event_type: 'function_execution_started', payload: { function_name: 'Greet', function_type: 'app' }, created: t + 3_000 },
    { ...fn, component_id: 'Fn1', event_type: 'function_execution_result', payload: { function_name: 'Greet', function_type: 'app' }, created: t + 40_000 },
    { ...wf, event_type: 'workflow_step_execution_result', payload: { function_name: 'Greet' }, created: t + 41_000 },
    { ...wf, event_type: 'workflow_step_started', payload: { current_step: 2, total_steps: 2, function_name: 'Save' }, created: t + 42_000 },
    { ...fn, event_type: 'function_execution_started', payload: { function_name: 'Save', function_type: 'app' }, created: t + 43_000 },
    {
      ...fn,
      event_type: 'datastore_request_result',
      component_type: 'tables',
      component_id: 'tasks',
      payload: { datastore_name: 'tasks', request_type: 'put', details: 'id: 7' },
      created: t + 60_000,
    },
    { ...fn, event_type: 'function_execution_output', level: 'debug', source: 'developer', payload: { log: 'saving…' }, created: t + 61_000 },
    {
      ...fn,
      event_type: 'function_execution_result',
      level: 'error',
      payload: { function_name: 'Save', function_type: 'app', error: 'Timed out' },
      created: t + 3_043_000,
    },
    { ...wf, event_type: 'workflow_step_execution_result', level: 'error', payload: { function_name: 'Save' }, created: t + 3_044_000 },
    { ...wf, event_type: 'workflow_execution_result', level: 'error', payload: { workflow_name: 'Onboard', error: 'Timed out' }, created: t + 3_045_000 },
  ];
}

/** `YYYY-MM-DD HH:MM:SS` in UTC for a `created` in microseconds. */
const utc = (created: number) => new Date(Math.floor(created / 1e6) * 1000).toISOString().slice(0, 19).replace('T', ' ');

beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  emu = await startActivityEmulator(home, mkdtempSync(join(home, 'data-')));
  await loginSplit(emu, home);
  // The emulator logs some activity of its own (the login): it is part of what every filter sees.
  const own = await rosi(['--level', 'trace', '--limit', '0', '--json']);
  seeded.push(
    ...own.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown> & { event_type: string }),
  );
  now = nowMicros();
  const types = TYPES.map(([a], i) => ({ component_id: 'Fn1', ...a, trace_id: 'TrTYPES', created: now - 50 * MIN + i * 1_000_000 }));
  const pages = Array.from({ length: 1500 }, (_, k) => ({
    event_type: 'function_execution_started',
    component_type: 'functions',
    component_id: 'FnPAGE',
    trace_id: 'TrPAGE',
    payload: { function_name: `p${k}`, function_type: 'app' },
    created: now - 30 * MIN + k * 1000,
  }));
  const old = [0, 1].map((k) => ({ event_type: 'function_execution_output', trace_id: 'TrOLD', payload: { log: `old ${k}` }, created: now - 120 * MIN + k }));
  const all = [...types, ...filterSet(), ...pages, ...old, ...execution(now - 20 * MIN)];
  await appendActivities(emu, all);
  seeded.push(...all.map(withDefaults));
}, 60_000);
afterAll(async () => {
  await emu?.stop();
  cleanup?.();
});

const rosi = (args: string[]) => runRosi(['activity', ...args, '--app', APP], { home, env: { TZ: 'UTC' } });
const createdOf = (stdout: string) =>
  stdout === ''
    ? []
    : stdout
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { created: number }).created);
const atLeast = (min: string) => (a: Record<string, unknown>) => LEVELS.indexOf(a.level as string) >= LEVELS.indexOf(min);
/** What the server should return for a filter, oldest first. */
const expected = (pred: (a: Record<string, unknown>) => boolean, level = 'info') =>
  seeded
    .filter((a) => atLeast(level)(a) && pred(a))
    .map((a) => a.created as number)
    .sort((x, y) => x - y);

describe('rosi activity against the emulator', () => {
  const filters: { name: string; args: () => string[]; pred: (a: Record<string, unknown>) => boolean; level?: string }[] = [
    { name: '--level warn', args: () => ['--level', 'warn'], pred: () => true, level: 'warn' },
    { name: '--level trace', args: () => ['--level', 'trace'], pred: () => true, level: 'trace' },
    { name: '--event', args: () => ['--event', 'workflow_execution_started'], pred: (a) => a.event_type === 'workflow_execution_started' },
    { name: '--min-date-created', args: () => ['--min-date-created', String(now - 35 * MIN)], pred: (a) => (a.created as number) >= now - 35 * MIN },
    { name: '--max-date-created', args: () => ['--max-date-created', String(now - 45 * MIN)], pred: (a) => (a.created as number) <= now - 45 * MIN },
    { name: '--component', args: () => ['--component', 'workflows'], pred: (a) => a.component_type === 'workflows' },
    { name: '--component-id', args: () => ['--component-id', 'FnF1'], pred: (a) => a.component_id === 'FnF1' },
    { name: '--source', args: () => ['--source', 'developer'], pred: (a) => a.source === 'developer' },
    { name: '--trace-id', args: () => ['--trace-id', 'TrF2'], pred: (a) => a.trace_id === 'TrF2' },
    { name: '--since 1h', args: () => ['--since', '1h'], pred: (a) => a.trace_id !== 'TrOLD' },
    { name: '--until 45m', args: () => ['--until', '45m'], pred: (a) => (a.created as number) <= now - 45 * MIN },
    {
      name: 'combined: --level error --component functions --source developer --since 2h --search f',
      args: () => ['--level', 'error', '--component', 'functions', '--source', 'developer', '--since', '2h', '--search', 'F'],
      pred: (a) => a.component_type === 'functions' && a.source === 'developer' && a.trace_id !== 'TrOLD' && (a.trace_id as string).startsWith('TrF'),
      level: 'error',
    },
  ];

  // Independent read-only runs: side by side they take about half the time.
  it.concurrent.for(filters)('$name', async ({ args, pred, level }, { expect }) => {
    const r = await rosi([...args(), '--limit', '0', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const want = expected(pred, level);
    expect(want.length).toBeGreaterThan(0);
    const got = createdOf(r.stdout);
    const unexpected = r.stdout.split('\n').filter((l) => l && !want.includes((JSON.parse(l) as { created: number }).created));
    expect(got, `unexpected: ${unexpected.join('\n')}`).toEqual(want);
  });

  it('--since 3h reaches what --since 1h leaves out; a filter that matches nothing prints nothing', async () => {
    const r = await rosi(['--since', '3h', '--trace-id', 'TrOLD', '--json']);
    expect(createdOf(r.stdout)).toHaveLength(2);
    const none = await rosi(['--since', '1h', '--trace-id', 'TrOLD', '--json']);
    expect(none).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('--json with no match is an empty JSON Lines stream (no line, not []), exit 0, whatever the --limit; people get a note on stderr', async () => {
    for (const limit of ['100', '0']) {
      const none = await rosi(['--trace-id', 'TrNOSUCH', '--limit', limit, '--json']);
      expect(none).toMatchObject({ code: 0, stdout: '', stderr: '' });
    }
    const human = await rosi(['--trace-id', 'TrNOSUCH']);
    expect(human).toMatchObject({ code: 0, stdout: '', stderr: 'No activity matches.\n' });
  });

  it('pages through 1,500 events: the newest --limit, or all of them with --limit 0, oldest first', async () => {
    const page = seeded.filter((a) => a.component_id === 'FnPAGE').map((a) => a.created as number);
    const newest = await rosi(['--component-id', 'FnPAGE', '--limit', '1200', '--json']);
    expect(createdOf(newest.stdout)).toEqual(page.slice(300));
    const human = await rosi(['--component-id', 'FnPAGE', '--limit', '0']);
    const lines = human.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1500);
    expect(lines[1499]).toBe(`${utc(page[1499]!)} [info] [FnPAGE] (Trace=TrPAGE) Function 'p1499' (app function) started`);
    const byDefault = await rosi(['--component-id', 'FnPAGE', '--json']);
    expect(createdOf(byDefault.stdout)).toEqual(page.slice(1400));
  });

  it('--json lines parse and carry the fields as the API returns them', async () => {
    const r = await rosi(['--trace-id', 'TrTYPES', '--limit', '1', '--json']);
    expect(JSON.parse(r.stdout)).toEqual({ ...seeded.find((a) => a.event_type === 'user_login' && a.trace_id === 'TrTYPES'), app_id: undefined });
  });

  it('renders every event type of the official CLI, in local time', async () => {
    const r = await rosi(['--trace-id', 'TrTYPES', '--level', 'trace', '--limit', '0']);
    expect(r.code, r.stderr).toBe(0);
    const want = TYPES.map(([, line], i) => {
      const time = utc(now - 50 * MIN + i * 1_000_000);
      // "!" marks entries printed bare, "@" a second templated line.
      if (line.startsWith('!')) return line.slice(1);
      return `${time} ${line.replaceAll('\n@', `\n${time} `)}`;
    });
    expect(r.stdout.trimEnd().split('\n')).toEqual(want.join('\n').split('\n'));
  });

  it('trace: one execution as a timeline tree, or the same tree as data', async () => {
    const r = await rosi(['trace', 'TrEXEC']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      [
        `Trace TrEXEC · ${utc(now - 20 * MIN)} · 3.04 s · failed`,
        " +0 ms  └─ ✓ Shortcut trigger → 'Onboard' Wf1",
        " +1 ms     └─ ✗ Workflow 'Onboard' Wf1 · 3.04 s · failed",
        '              │  error: Timed out',
        " +2 ms        ├─ ✓ Step 1 of 2 'Greet' Wf1 · 39 ms",
        " +3 ms        │  └─ ✓ Function 'Greet' (app function) Fn1 · 37 ms",
        "+42 ms        └─ ✗ Step 2 of 2 'Save' Wf1 · 3.00 s · failed",
        "+43 ms           └─ ✗ Function 'Save' (app function) Fn2 · 3.00 s · failed",
        '                    │  error: Timed out',
        "+60 ms              ├─ Datastore 'tasks' put succeeded with 'id: 7'",
        '+61 ms              └─ output: saving…',
        '',
      ].join('\n'),
    );
    const json = await rosi(['trace', 'TrEXEC', '--json']);
    const tree = JSON.parse(json.stdout) as { kind: string; status: string; duration_ms: number; children: unknown[] };
    expect(tree).toMatchObject({ kind: 'trace', name: 'TrEXEC', status: 'failed', duration_ms: 3045 });
    const gone = await rosi(['trace', 'TrGONE']);
    expect(gone.code).toBe(1);
  });

  it.each([
    { name: 'unknown --level', args: ['--level', 'loud'], want: 'Invalid --level: use one of trace, debug, info, warn, error, fatal' },
    { name: 'malformed --since', args: ['--since', '3 days'], want: 'Invalid --since' },
    {
      name: '--tail with --max-date-created',
      args: ['--tail', '--max-date-created', '1700000000000000'],
      want: '--tail cannot be used with --max-date-created',
    },
  ])('bad input: $name exits 2 naming the flag', async ({ args, want }) => {
    const r = await rosi(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(want);
    expect(r.stdout).toBe('');
  });
});
