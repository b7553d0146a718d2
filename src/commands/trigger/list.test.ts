import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../test/helpers/manual-clock.js';
import { APP_ID, CI, deployed, rosi } from '../../../test/helpers/trigger-commands.js';
import { server } from '../../../test/msw/server.js';
import { calls, slackMethod } from '../../../test/msw/slack.js';

const PARIS = { env: { ...CI, TZ: 'Europe/Paris' }, clock: new ManualClock('2026-03-02T10:00:00Z') };

function scheduled(id: string, schedule: Record<string, unknown>): Record<string, unknown> {
  const { shortcut_url: _none, ...rest } = deployed(id, { type: 'scheduled', name: `Daily ${id}`, schedule });
  return rest;
}

describe('rosi trigger list', () => {
  it('follows the cursor across pages, keeps only the app’s triggers, --limit is the page size', async () => {
    server.use(
      slackMethod('workflows.triggers.list', (p) => {
        if (!p.cursor) return { triggers: [deployed('Ft01'), deployed('Ft0X', {}, 'A0OTHER001')], response_metadata: { next_cursor: 'page2' } };
        if (p.cursor === 'page2') return { triggers: [deployed('Ft02', { date_created: 1_767_225_601 })], response_metadata: { next_cursor: 'page3' } };
        return { triggers: [deployed('Ft03', { type: 'webhook', shortcut_url: undefined, webhook_url: 'https://hooks.slack.com/triggers/T1/2/abc' })] };
      }),
    );
    const r = await rosi(['trigger', 'list', '--limit', '2', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(calls('workflows.triggers.list').map((c) => c.rawBody)).toEqual([
      `{"app_id":"${APP_ID}","limit":2}`,
      `{"app_id":"${APP_ID}","limit":2,"cursor":"page2"}`,
      `{"app_id":"${APP_ID}","limit":2,"cursor":"page3"}`,
    ]);
    const out = JSON.parse(r.stdout) as { app_id: string; triggers: { id: string }[] };
    expect(out.app_id).toBe(APP_ID);
    expect(out.triggers.map((t) => t.id)).toEqual(['Ft01', 'Ft02', 'Ft03']);
    expect(out.triggers[0]).toEqual(deployed('Ft01'));
  });

  it('triggers made in the same second stay in the order Slack answered them in, not sorted by ID', async () => {
    server.use(slackMethod('workflows.triggers.list', () => ({ triggers: [deployed('Ft0ZZZ0001'), deployed('Ft0AAA0002'), deployed('Ft0MMM0003')] })));
    const r = await rosi(['trigger', 'list', '--json']);
    expect((JSON.parse(r.stdout) as { triggers: { id: string }[] }).triggers.map((t) => t.id)).toEqual(['Ft0ZZZ0001', 'Ft0AAA0002', 'Ft0MMM0003']);
  });

  it('the table: id, type, name, workflow and the URL, event or next run', async () => {
    server.use(
      slackMethod('workflows.triggers.list', () => ({
        triggers: [
          deployed('Ft0LINK001', { name: 'Greet' }),
          deployed('Ft0HOOK001', { type: 'webhook', name: 'Hook', shortcut_url: undefined, webhook_url: 'https://hooks.slack.com/triggers/T1/2/abc' }),
          deployed('Ft0EVNT001', { type: 'event', name: 'React', shortcut_url: undefined, event_type: 'slack#/events/reaction_added' }),
          scheduled('Ft0SCHD001', { start_time: '2026-03-01T09:00:00Z', timezone: 'UTC', frequency: { type: 'daily' } }),
          scheduled('Ft0DONE001', { start_time: '2026-03-01T09:00:00Z', timezone: 'UTC' }),
        ],
      })),
    );
    const r = await rosi(['triggers'], PARIS);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'id\ttype\tname\tworkflow\turl, next run or event',
      'Ft0EVNT001\tevent\tReact\tgreet\tslack#/events/reaction_added',
      'Ft0SCHD001\tscheduled\tDaily Ft0SCHD001\tgreet\t2026-03-03 10:00 +01:00',
      'Ft0DONE001\tscheduled\tDaily Ft0DONE001\tgreet\tno more runs',
      'Ft0LINK001\tshortcut\tGreet\tgreet\thttps://slack.com/shortcuts/Ft0LINK001/0123abcd',
      'Ft0HOOK001\twebhook\tHook\tgreet\thttps://hooks.slack.com/triggers/T1/2/abc',
      '',
    ]);
    expect(calls('workflows.triggers.list')[0]?.rawBody).toBe(`{"app_id":"${APP_ID}","limit":100}`);
  });

  it('--json adds rosi’s next_run to scheduled triggers: ISO-8601 with the local offset, or null', async () => {
    const daily = scheduled('Ft0SCHD001', { start_time: '2026-03-01T09:00:00Z', timezone: 'UTC', frequency: { type: 'daily' } });
    const once = scheduled('Ft0DONE001', { start_time: '2026-03-01T09:00:00Z', timezone: 'UTC' });
    server.use(slackMethod('workflows.triggers.list', () => ({ triggers: [daily, once, deployed('Ft0LINK001')] })));
    const r = await rosi(['trigger', 'list', '--json'], PARIS);
    const out = JSON.parse(r.stdout) as { triggers: Record<string, unknown>[] };
    expect(out.triggers).toEqual([{ ...daily, next_run: '2026-03-03T10:00:00+01:00' }, { ...once, next_run: null }, deployed('Ft0LINK001')]);
  });

  it('--type is sent (all is not), and an empty answer is a note on stderr, exit 0', async () => {
    server.use(slackMethod('workflows.triggers.list', () => ({ triggers: [] })));
    const r = await rosi(['trigger', 'list', '--type', 'scheduled']);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toContain(`App ${APP_ID} has no scheduled triggers.`);
    expect(calls('workflows.triggers.list')[0]?.rawBody).toBe(`{"app_id":"${APP_ID}","limit":100,"type":"scheduled"}`);
    expect((await rosi(['trigger', 'list', '--type', 'all'])).code).toBe(0);
    expect(calls('workflows.triggers.list')[1]?.params.type).toBeUndefined();
    const json = await rosi(['trigger', 'list', '--json']);
    expect(JSON.parse(json.stdout)).toEqual({ app_id: APP_ID, triggers: [] });
    expect(json.stderr).toBe('');
  });

  it.each([
    { name: 'an unknown --type', argv: ['--type', 'link'], want: 'Invalid --type: use one of all, shortcut, event, scheduled, webhook' },
    { name: 'a --limit of 0', argv: ['--limit', '0'], want: 'Invalid --limit: "0" is not a page size' },
    { name: 'a --limit that is no number', argv: ['--limit', 'ten'], want: 'Invalid --limit: "ten" is not a page size' },
  ])('$name: exit 2, nothing sent', async ({ argv, want }) => {
    const r = await rosi(['trigger', 'list', ...argv]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(want);
    expect(calls()).toHaveLength(0);
  });
});
