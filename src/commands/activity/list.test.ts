import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { activity, ActivityLog, series } from '../../../test/helpers/activity.js';
import { runCliInProcess } from '../../../test/helpers/test-context.js';
import { server } from '../../../test/msw/server.js';
import { API, calls, slackMethod } from '../../../test/msw/slack.js';

const CI = ['--token', 'xoxb-test', '--app', 'A0APP00001', '--apihost', API];
const env = { TZ: 'UTC' };
// The test clock's now (2026-11-28T12:00:00Z) in microseconds.
const NOW = Date.parse('2026-11-28T12:00:00Z') * 1000;
const T0 = 1_700_000_000_000_000;

const rosi = (args: string[]) => runCliInProcess([...args, ...CI], { env });
const query = (n = 0) => new URL(calls('apps.activities.list')[n]!.url).search;

describe('rosi activity: list', () => {
  it('prints the newest 100, oldest first, in the official line format', async () => {
    const log = new ActivityLog().append(...series(120));
    server.use(log.handler());
    const r = await rosi(['activity']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(200);
    expect(lines.slice(0, 2)).toEqual(['2023-11-14 22:13:40 [info] [Fn0001] (Trace=Tr0001) Function output:', '\t#20']);
    expect(lines.at(-1)).toBe('\t#119');
    expect(query()).toBe('?app_id=A0APP00001&limit=100&min_log_level=info');
    expect(calls('apps.activities.list')[0]!.headers.authorization).toBe('Bearer xoxb-test');
  });

  it.each(['log', 'logs'])('%s is an alias, and `activity list` the same command', async (alias) => {
    server.use(new ActivityLog().append(...series(1)).handler());
    expect((await rosi([alias, '--json'])).stdout).toBe((await rosi(['activity', 'list', '--json'])).stdout);
  });

  it('every filter goes on the wire in the contract order, URL-encoded', async () => {
    server.use(new ActivityLog().handler());
    const r = await rosi([
      'activity',
      '--level',
      'warn',
      '--event',
      'function_execution_output',
      '--min-date-created',
      '1700000000000000',
      '--max-date-created',
      '1800000000000000',
      '--component',
      'functions',
      '--component-id',
      'Fn 1&x',
      '--source',
      'developer',
      '--trace-id',
      'Tr=1',
      '--limit',
      '5',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(query()).toBe(
      '?app_id=A0APP00001&limit=5&min_log_level=warn&log_event_type=function_execution_output&min_date_created=1700000000000000&max_date_created=1800000000000000' +
        '&component_type=functions&component_id=Fn+1%26x&source=developer&trace_id=Tr%3D1',
    );
    expect(r.stderr).toContain('No activity matches.');
  });

  it('--since and --until take durations or ISO times, as microseconds', async () => {
    server.use(new ActivityLog().handler());
    await rosi(['activity', '--since', '1h', '--until', '2026-11-28T11:30:00Z']);
    const p = calls('apps.activities.list')[0]!.params;
    expect(Number(p.min_date_created)).toBe(NOW - 3_600_000_000);
    expect(Number(p.max_date_created)).toBe(Date.parse('2026-11-28T11:30:00Z') * 1000);
  });

  it('--limit 2500 follows the cursor across pages of 1,000 and keeps the newest', async () => {
    const log = new ActivityLog().append(...series(3000));
    server.use(log.handler());
    const r = await rosi(['activity', '--limit', '2500', '--json']);
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { payload: { log: string } });
    expect(lines).toHaveLength(2500);
    expect([lines[0]!.payload.log, lines.at(-1)!.payload.log]).toEqual(['#500', '#2999']);
    expect(calls('apps.activities.list').map((c) => [c.params.limit, c.params.cursor === undefined])).toEqual([
      ['1000', true],
      ['1000', false],
      ['500', false],
    ]);
  });

  it('--limit 0 streams every match oldest first (sort_direction=asc)', async () => {
    const log = new ActivityLog().append(...series(2100));
    server.use(log.handler());
    const r = await rosi(['activity', '--limit', '0', '--json']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2100);
    expect((JSON.parse(lines[0]!) as { payload: { log: string } }).payload.log).toBe('#0');
    expect(calls('apps.activities.list').every((c) => c.params.sort_direction === 'asc')).toBe(true);
  });

  it('--json prints each activity as the API returned it, unknown fields too; nothing when nothing matches', async () => {
    const odd = { ...activity({ created: T0 }), extra_field: 1 };
    server.use(slackMethod('apps.activities.list', () => ({ activities: [odd], response_metadata: { next_cursor: '' } })));
    const r = await rosi(['activity', '--json']);
    expect(
      r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([odd]);
    server.use(new ActivityLog().handler());
    const empty = await rosi(['activity', '--json']);
    expect(empty).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('--search matches the rendered line, any case, and still returns the newest N matches', async () => {
    const log = new ActivityLog().append(
      ...series(1500),
      activity({ created: T0 + 2e9, event_type: 'workflow_execution_started', payload: { workflow_name: 'Greet' } }),
    );
    server.use(log.handler());
    const r = await rosi(['activity', '--search', "WORKFLOW 'greet", '--limit', '3']);
    expect(r.stdout).toBe("2023-11-14 22:46:40 [info] [Fn0001] (Trace=Tr0001) Workflow 'Greet' started\n");
    const many = await rosi(['activity', '--search', '#14', '--limit', '3', '--json']);
    expect(
      many.stdout
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { payload: { log: string } }).payload.log),
    ).toEqual(['#1497', '#1498', '#1499']);
  });

  it('an API error says what the server said and exits 1', async () => {
    server.use(
      slackMethod('apps.activities.list', () =>
        HttpResponse.json({ ok: false, error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] bad source [source]'] } }),
      ),
    );
    const r = await rosi(['activity', '--source', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('invalid_arguments from apps.activities.list');
    expect(r.stderr).toContain('[ERROR] bad source [source]');
  });
});

describe('rosi activity: bad input exits 2 naming the flag, before any call', () => {
  it.each([
    { name: 'unknown level', argv: ['--level', 'loud'], want: 'Invalid --level: use one of trace, debug, info, warn, error, fatal' },
    { name: 'malformed --since', argv: ['--since', 'yesterday'], want: 'Invalid --since: use a duration such as 15m' },
    { name: 'malformed --until', argv: ['--until', '15'], want: 'Invalid --until' },
    {
      name: '--tail with --max-date-created',
      argv: ['--tail', '--max-date-created', '1700000000000000'],
      want: '--tail cannot be used with --max-date-created',
    },
    { name: '--tail with --until', argv: ['--tail', '--until', '1h'], want: '--tail cannot be used with --until' },
    { name: '--since with --min-date-created', argv: ['--since', '1h', '--min-date-created', '1'], want: '--since cannot be used with --min-date-created' },
    { name: 'negative limit', argv: ['--limit', '-1'], want: 'Invalid --limit: "-1" is not a whole number (0 for all)' },
    { name: 'zero interval', argv: ['--tail', '--interval', '0'], want: 'Invalid --interval' },
    { name: 'microseconds that are not a number', argv: ['--min-date-created', 'soon'], want: 'Invalid --min-date-created' },
  ])('$name', async ({ argv, want }) => {
    const r = await rosi(['activity', ...argv]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(want);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(calls()).toHaveLength(0);
  });

  it('without --app outside a project it says how to name the app', async () => {
    const r = await runCliInProcess(['activity', '--token', 'xoxb-test', '--apihost', API]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--app');
  });
});

describe('rosi activity --tail', () => {
  it('prints the backlog, then new activity, and stops after --idle minutes', async () => {
    const log = new ActivityLog().append(...series(3));
    server.use(log.handler((n) => void (n === 3 && log.append(...series(2, T0 + 60_000_000, 1, { payload: { log: 'new' } })))));
    const r = await rosi(['activity', '--tail', '--idle', '1', '--interval', '2', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(
      r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { payload: { log: string } }).payload.log),
    ).toEqual(['#0', '#1', '#2', 'new', 'new']);
    expect(r.stderr).toBe('No new activity for 1 minute; stopping.\n');
    expect(new Set(r.harness?.clock.sleeps)).toEqual(new Set([2000]));
  });

  it('rides out a failing server: one line when the connection is lost, one when it is back, nothing lost', async () => {
    const log = new ActivityLog().append(...series(2));
    server.use(
      log.handler((n) => {
        if (n === 2) log.append(...series(3, T0 + 10_000_000, 1, { payload: { log: 'during' } }));
        // Enough failures to outlast the transport's own retries of a read.
        if (n >= 2 && n <= 12) return HttpResponse.json({ ok: false, error: 'internal_error' }, { status: 500 });
      }),
    );
    const r = await rosi(['activity', '--tail', '--idle', '1', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(
      r.stdout
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { payload: { log: string } }).payload.log),
    ).toEqual(['#0', '#1', 'during', 'during', 'during']);
    expect(r.stderr).toMatch(/^! Connection lost \(An internal error.*\); reconnecting…\nReconnected\.\nNo new activity for 1 minute; stopping\.\n$/);
  });
});

describe('rosi activity: a flag value that names a sub-command is still a flag value', () => {
  it('--level trace lists at level trace rather than running `activity trace`', async () => {
    server.use(new ActivityLog().append(activity({ created: T0, level: 'trace' })).handler());
    const r = await rosi(['activity', '--level', 'trace', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(calls('apps.activities.list')[0]!.params.min_log_level).toBe('trace');
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
  });
});
