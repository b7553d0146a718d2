import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { FakePrompter } from '../../../test/helpers/fake-prompter.js';
import { APP_ID, CI, deployed, rosi, tempFolders } from '../../../test/helpers/trigger-commands.js';
import { server } from '../../../test/msw/server.js';
import { calls, slackError, slackMethod } from '../../../test/msw/slack.js';

const folder = tempFolders();
/** A loopback API host: rosi takes it for `rosi emulator`. */
const EMU = 'http://127.0.0.1:5999';
const ON_EMULATOR = { ...CI, ROSI_APIHOST: EMU };
const HOOK_URL = 'https://hooks.slack.test/triggers/T0TEAM/Ft0HOOK0001/5a398c0123';

const link = deployed('Ft0LINK0001', { name: 'Click me', workflow: { callback_id: 'greet', title: 'Greet', app_id: APP_ID } });
const hook = deployed('Ft0HOOK0001', {
  type: 'webhook',
  name: 'From CI',
  shortcut_url: undefined,
  webhook_url: HOOK_URL,
  workflow: { callback_id: 'greet', title: 'Greet', app_id: APP_ID },
  inputs: { who: { value: '{{data.name}}', locked: false, hidden: false } },
});
const info = (t: Record<string, unknown>, base?: string) => slackMethod('workflows.triggers.info', () => ({ trigger: t }), base);

/** The webhook URL's handler: records what was POSTed there and answers as told. */
function webhook(answer: () => Response = () => HttpResponse.json({ ok: true })) {
  const got: { headers: Headers; body: string }[] = [];
  server.use(
    http.post(HOOK_URL, async ({ request }) => {
      got.push({ headers: request.headers, body: await request.text() });
      return answer();
    }),
  );
  return got;
}

describe('rosi trigger run: arguments', () => {
  it.each([
    { name: 'JSON that does not parse', argv: ['--inputs', '{"name": Ada}'], want: '--inputs is not valid JSON: expected a value at column 10, found "A"' },
    { name: 'an array', argv: ['--inputs', '[1]'], want: '--inputs must be a JSON object' },
    { name: '--inputs with --inputs-file', argv: ['--inputs', '{}', '--inputs-file', 'x.json'], want: '--inputs and --inputs-file both give the trip’s data' },
    { name: 'no --trigger-id and no terminal', argv: [], want: 'rosi trigger run needs --trigger-id' },
    { name: 'not a trigger ID', argv: ['--trigger-id', 'nope'], want: '--trigger-id must be a trigger ID like Ft0123ABCDEF' },
  ])('$name: exit 2, nothing sent', async ({ argv, want }) => {
    const r = await rosi(['trigger', 'run', ...argv]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(want);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(calls()).toHaveLength(0);
  });

  it('JSON that does not parse on its second line: the line and column, with a caret under it', async () => {
    const dir = folder({ 'trip.json': '{\n  "name": "Ada",,\n}' });
    const r = await rosi(['trigger', 'run', '--trigger-id', 'Ft0HOOK0001', '--inputs-file', 'trip.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--inputs-file trip.json is not valid JSON: expected a property name in double quotes at line 2, column 17, found ","');
    expect(r.stderr).toContain('                 ^\n');
    expect(r.stderr).toContain('  "name": "Ada",,\n');
    expect(calls()).toHaveLength(0);
  });

  it('an --inputs-file that cannot be read: exit 2 naming it', async () => {
    const r = await rosi(['trigger', 'run', '--trigger-id', 'Ft0HOOK0001', '--inputs-file', 'missing.json'], { cwd: folder({}) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Cannot read --inputs-file missing.json');
  });

  it('no --trigger-id on a terminal: the app’s triggers to choose from', async () => {
    server.use(
      slackMethod('workflows.triggers.list', () => ({ triggers: [link, hook] })),
      info(hook),
    );
    const got = webhook();
    const prompter = new FakePrompter({ 'trigger-id': ['Ft0HOOK0001'] });
    const r = await rosi(['trigger', 'run', '--inputs', '{"name": "Ada"}'], { tty: true, prompter });
    expect(r.code, r.stderr).toBe(0);
    expect(prompter.asked).toEqual([{ id: 'trigger-id', message: 'Choose a trigger' }]);
    expect(got).toHaveLength(1);
  });
});

describe('rosi trigger run: a webhook trigger, on any host', () => {
  it('POSTs --inputs to its URL without the token; says the call was accepted and how to follow it', async () => {
    server.use(info(hook));
    const got = webhook();
    const r = await rosi(['trigger', 'run', '--trigger-id', 'Ft0HOOK0001', '--inputs', '{"name": "Ada", "n": 1}']);
    expect(r.code, r.stderr).toBe(0);
    expect(got).toHaveLength(1);
    expect(JSON.parse(got[0]?.body ?? '')).toEqual({ name: 'Ada', n: 1 });
    expect(got[0]?.headers.get('authorization')).toBeNull();
    expect(got[0]?.headers.get('content-type')).toContain('application/json');
    expect(got[0]?.body).not.toContain(CI.SLACK_SERVICE_TOKEN);
    expect(r.stdout).toBe('Called From CI (Ft0HOOK0001): the webhook accepted the call, and Greet starts\n');
    expect(r.stderr).toContain(`follow the app’s activity: rosi activity --tail --app ${APP_ID}\n`);
    expect(calls('emulator.triggers.run')).toHaveLength(0);
  });

  it('--json: the webhook’s answer; no --inputs sends {}', async () => {
    server.use(info({ ...hook, filter: { version: 1, root: { statement: '{{data.kind}} == x' } } }));
    const got = webhook();
    const r = await rosi(['trigger', 'run', '--trigger-id', 'Ft0HOOK0001', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ ok: true });
    expect(r.stderr).toBe('');
    expect(got[0]?.body).toBe('{}');
  });

  it('a filter: the line says the filter decides', async () => {
    server.use(info({ ...hook, filter: { version: 1, root: { statement: '{{data.kind}} == x' } } }));
    webhook();
    const r = await rosi(['trigger', 'run', '--trigger-id', 'Ft0HOOK0001']);
    expect(r.stdout).toContain('its filter decides whether Greet starts');
  });

  it.each([
    {
      name: '400 parameter_validation_failed: exit 1, the reasons, and the data the inputs read',
      answer: () =>
        HttpResponse.json({ ok: false, error: 'parameter_validation_failed', errors: ['Null value for non-nullable parameter `who`'] }, { status: 400 }),
      want: ['(parameter_validation_failed from the webhook)', '  - Null value for non-nullable parameter `who`', `pass them with --inputs '{"name": "…"}'`],
    },
    {
      name: '404 trigger_not_found',
      answer: () => HttpResponse.json({ ok: false, error: 'trigger_not_found' }, { status: 404 }),
      want: ['(trigger_not_found from the webhook)'],
    },
    { name: 'a page that is not JSON', answer: () => new HttpResponse('<html>502</html>', { status: 502 }), want: ['answered HTTP 502', '(webhook_failed)'] },
  ])('$name', async ({ answer, want }) => {
    server.use(info(hook));
    webhook(answer);
    const r = await rosi(['trigger', 'run', '--trigger-id', 'Ft0HOOK0001', '--inputs', '{}']);
    expect(r.code).toBe(1);
    for (const w of want) expect(r.stderr).toContain(w);
    expect(r.stderr).not.toContain('5a398c0123');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a webhook_url in plain http off this machine: refused, nothing sent', async () => {
    server.use(info({ ...hook, webhook_url: 'http://hooks.example.test/triggers/T0TEAM/Ft0HOOK0001/5a398c0123' }));
    const r = await rosi(['trigger', 'run', '--trigger-id', 'Ft0HOOK0001']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Refusing to call a webhook over http:// at hooks.example.test: only https, or http on this machine (insecure_webhook_url)');
    expect(r.stderr).not.toContain('5a398c0123');
  });

  it('--wait: exit 2, nothing sent to the webhook', async () => {
    server.use(info(hook, EMU));
    const got = webhook();
    const r = await rosi(['trigger', 'run', '--trigger-id', 'Ft0HOOK0001', '--wait'], { env: ON_EMULATOR });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--wait cannot follow webhook trigger Ft0HOOK0001');
    expect(got).toHaveLength(0);
  });
});

describe('rosi trigger run against Slack: only webhooks', () => {
  it.each([
    {
      name: 'a link trigger: its URL to click',
      t: link,
      want: ['only when a person clicks it', 'open its link: https://slack.com/shortcuts/Ft0LINK0001/0123abcd'],
    },
    {
      name: 'a scheduled trigger',
      t: deployed('Ft0SCHED001', { type: 'scheduled', shortcut_url: undefined }),
      want: ['only at its scheduled times', '`rosi trigger info` shows its next run'],
    },
    {
      name: 'an event trigger',
      t: deployed('Ft0EVENT001', { type: 'event', shortcut_url: undefined, event_type: 'slack#/events/reaction_added' }),
      want: ['only when its event (slack#/events/reaction_added) happens'],
    },
  ])('$name is refused with exit 2, nothing fired', async ({ t, want }) => {
    server.use(info(t));
    const r = await rosi(['trigger', 'run', '--trigger-id', String(t.id), '--wait']);
    expect(r.code).toBe(2);
    for (const w of want) expect(r.stderr).toContain(w);
    expect(r.stderr).toContain('(trigger_not_runnable)');
    expect(calls('emulator.triggers.run')).toHaveLength(0);
  });
});

describe('rosi trigger run against the emulator: every type', () => {
  const started = { workflow_execution_id: 'Wx0EXEC00001', trace_id: 'Tr0TRACE0001' };

  it('a link trigger: emulator.triggers.run with the data; the execution, and the trace command that runs as printed', async () => {
    server.use(
      info(link, EMU),
      slackMethod('emulator.triggers.run', () => started, EMU),
    );
    const r = await rosi(['trigger', 'run', '--trigger-id', 'Ft0LINK0001', '--inputs', '{"channel_id": "C0TEST"}', '--apihost', EMU], { env: ON_EMULATOR });
    expect(r.code, r.stderr).toBe(0);
    expect(calls('emulator.triggers.run')[0]?.params).toEqual({ trigger_id: 'Ft0LINK0001', data: { channel_id: 'C0TEST' } });
    expect(calls('emulator.triggers.run')[0]?.headers.authorization).toBe(`Bearer ${CI.SLACK_SERVICE_TOKEN}`);
    expect(r.stdout).toBe('Started Greet (Click me): workflow execution Wx0EXEC00001, trace Tr0TRACE0001\n');
    expect(r.stderr).toContain(`See how it runs: rosi activity trace Tr0TRACE0001 --apihost ${EMU} --app ${APP_ID}\n`);
  });

  it('--json: the answer object only', async () => {
    server.use(
      info(link, EMU),
      slackMethod('emulator.triggers.run', () => started, EMU),
    );
    const r = await rosi(['trigger', 'run', '--trigger-id', 'Ft0LINK0001', '--json'], { env: ON_EMULATOR });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, ...started });
    expect(r.stderr).toBe('');
  });

  it('--inputs-file - reads the data from stdin', async () => {
    server.use(
      info(deployed('Ft0SCHED001', { type: 'scheduled' }), EMU),
      slackMethod('emulator.triggers.run', () => started, EMU),
    );
    const r = await rosi(['trigger', 'run', '--trigger-id', 'Ft0SCHED001', '--inputs-file', '-'], { env: ON_EMULATOR, stdin: '{"user_id": "U0ME"}\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(calls('emulator.triggers.run')[0]?.params.data).toEqual({ user_id: 'U0ME' });
  });

  it('a refusal to start: exit 1 with the reasons, and a hint naming the data the inputs read', async () => {
    const t = { ...link, inputs: { who: { value: '{{data.user_id}}' }, note: { value: 'hi {{ data.note }}' } } };
    server.use(
      info(t, EMU),
      slackError(
        'emulator.triggers.run',
        'parameter_validation_failed',
        { errors: [{ code: 'parameter_validation_failed', message: 'Null value for non-nullable parameter `who`' }] },
        EMU,
      ),
    );
    const r = await rosi(['trigger', 'run', '--trigger-id', 'Ft0LINK0001'], { env: ON_EMULATOR });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Null value for non-nullable parameter `who`');
    expect(r.stderr).toContain(`The trigger's inputs read data.user_id, data.note: pass them with --inputs '{"user_id": "…", "note": "…"}'`);
  });

  describe('--wait', () => {
    const entry = (event_type: string, level: string, payload: Record<string, unknown>, created: number) => ({
      trace_id: started.trace_id,
      level,
      event_type,
      source: 'slack',
      component_type: 'workflows',
      component_id: 'Wf0001',
      payload,
      created,
    });
    /** The log answers nothing for the first `pending` looks, then `activities` (filtered by event type as the server would). */
    function log(pending: number, activities: ReturnType<typeof entry>[]) {
      let looks = 0;
      server.use(
        slackMethod(
          'apps.activities.list',
          (p) => {
            if (p.log_event_type === 'workflow_execution_result') looks++;
            if (looks <= pending) return { activities: [] };
            return { activities: activities.filter((a) => a.event_type === p.log_event_type) };
          },
          EMU,
        ),
      );
    }

    it('a run that completes: exit 0, after looking at the log every second', async () => {
      server.use(
        info(link, EMU),
        slackMethod('emulator.triggers.run', () => started, EMU),
      );
      log(2, [entry('workflow_execution_result', 'info', { workflow_name: 'Greet', exec_outcome: 'Success' }, 2)]);
      const r = await rosi(['trigger', 'run', '--trigger-id', 'Ft0LINK0001', '--wait'], { env: ON_EMULATOR });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe('Started Greet (Click me): workflow execution Wx0EXEC00001, trace Tr0TRACE0001\n');
      expect(r.stderr).toContain('Workflow execution Wx0EXEC00001 completed');
      expect(calls('apps.activities.list')[0]?.params).toMatchObject({ app_id: APP_ID, trace_id: 'Tr0TRACE0001', log_event_type: 'workflow_execution_result' });
      expect(calls('apps.activities.list').filter((c) => c.params.log_event_type === 'workflow_execution_result')).toHaveLength(3);
    });

    it('a run that fails: exit 1 with the failed step’s error; --json has the status and the error', async () => {
      server.use(
        info(link, EMU),
        slackMethod('emulator.triggers.run', () => started, EMU),
      );
      log(0, [
        entry('function_execution_result', 'error', { function_name: 'Greet', function_type: 'workflow', error: 'Function failed to execute' }, 4),
        entry('workflow_execution_result', 'error', { workflow_name: 'Greet', exec_outcome: 'Error', error: 'Function failed to execute' }, 3),
        entry('function_execution_result', 'error', { function_name: 'Say hello', function_type: 'app', error: 'greeting machine broke' }, 1),
      ]);
      const r = await rosi(['trigger', 'run', '--trigger-id', 'Ft0LINK0001', '--wait'], { env: ON_EMULATOR });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("Workflow execution Wx0EXEC00001 failed: step 'Say hello' failed: greeting machine broke (workflow_failed)");
      expect(r.stderr).toContain(`See every step: rosi activity trace Tr0TRACE0001 --app ${APP_ID}`);
      const j = await rosi(['trigger', 'run', '--trigger-id', 'Ft0LINK0001', '--wait', '--json'], { env: ON_EMULATOR });
      expect(j.code).toBe(1);
      expect(JSON.parse(j.stdout)).toEqual({
        ok: true,
        ...started,
        status: 'failed',
        error: 'Function failed to execute',
        failed_step: { name: 'Say hello', error: 'greeting machine broke' },
      });
      expect(JSON.parse(j.stderr)).toMatchObject({ error: { code: 'workflow_failed' } });
    });

    it('a run still going after 10 minutes: exit 1, and where to look', async () => {
      server.use(
        info(link, EMU),
        slackMethod('emulator.triggers.run', () => started, EMU),
      );
      log(Infinity, []);
      const r = await rosi(['trigger', 'run', '--trigger-id', 'Ft0LINK0001', '--wait'], { env: ON_EMULATOR });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('has not ended after 10 minutes (still_running)');
      // Every second for the first minute, then every 5 seconds.
      expect(calls('apps.activities.list')).toHaveLength(61 + 108);
    });
  });
});
