import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { control, runRosi, SEEDED_APP, startSeededEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';
import { hostedManifest } from '../helpers/hosting.js';
import { loginSplit } from './login-helpers.js';
import { callCount, deploySample, expectFailure, json, printedArgv } from './trigger-helpers.js';

// `rosi trigger create` and `list` through the built CLI against the built emulator: the sample app
// (examples/hello-rosi) deployed by the seeded developer, who also owns the seeded app (workflow new_task, no inputs).

let emu: EmulatorHandle;
let home: string;
let cleanup: () => void;
let sample: { dir: string; appId: string };

beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  emu = await startSeededEmulator(home, hostedManifest());
  await loginSplit(emu, home);
  sample = await deploySample(home, 'hello');
}, 90_000);
afterAll(async () => {
  await emu?.stop();
  cleanup?.();
});
beforeEach(async () => {
  await control(emu, 'reset-calls', {});
});

/** `rosi trigger …` in the sample app's folder, times in UTC. */
const trigger = (args: string[], o: { cwd?: string; env?: Record<string, string> } = {}) =>
  runRosi(['trigger', ...args], { home, cwd: o.cwd ?? sample.dir, env: { TZ: 'UTC', ...o.env } });
/** A definition file written into the sample app's folder; its path relative to it. */
const def = (name: string, definition: unknown) => {
  mkdirSync(join(sample.dir, 'defs'), { recursive: true });
  writeFileSync(join(sample.dir, 'defs', name), JSON.stringify(definition));
  return `defs/${name}`;
};
const GREET = '#/workflows/greet_and_remember';
/** The sample workflow's channel input, filled as a link trigger fills it: the channel it was clicked in. */
const IN_CHANNEL = { channel: { value: '{{data.channel_id}}' } };
type Trigger = { id: string; type: string; name: string; webhook_url?: string; shortcut_url?: string; next_run?: string | null };

describe('rosi trigger create, one of each type', () => {
  it('link from flags: the trigger is printed with its URL, and the printed access command runs as printed', async () => {
    const r = await trigger(['create', '--workflow', 'new_task', '--title', 'New task', '--app', SEEDED_APP], { cwd: home });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^New task Ft[A-Z0-9]{10} \(shortcut\)\n/);
    expect(r.stdout).toContain("Description: Runs the '#/workflows/new_task' workflow");
    expect(r.stdout).toMatch(/URL: +http:\/\/127\.0\.0\.1:\d+\/shortcuts\/Ft/);
    expect(r.stderr).toContain(`Created trigger`);
    const access = await runRosi(printedArgv(r.stderr, 'Choose who can run it: '), { home, cwd: home });
    expect(access.code, access.stderr).toBe(0);
    expect(access.stdout).toContain('Can be run by: everyone in the workspace');
  });

  it('link from a .json definition, --json: the trigger object as the emulator answers it', async () => {
    const file = def('link.json', { type: 'shortcut', name: 'Greet me', workflow: GREET, inputs: { name: { value: '{{data.user_id}}' }, ...IN_CHANNEL } });
    const t = json<Trigger & Record<string, unknown>>(await trigger(['create', '--trigger-def', file, '--json']));
    expect(t).toMatchObject({ type: 'shortcut', name: 'Greet me', workflow: { callback_id: 'greet_and_remember', app_id: sample.appId } });
    expect(t.id).toMatch(/^Ft[A-Z0-9]{10}$/);
    expect(t.shortcut_url).toMatch(/\/shortcuts\/Ft/);
  });

  it('webhook from the sample .ts: a POST to the printed URL answers {"ok":true} and the trip is recorded; a filtered body is not', async () => {
    const r = await trigger(['create', '--trigger-def', 'triggers/greet_webhook.ts']);
    expect(r.code, r.stderr).toBe(0);
    const url = /URL: +(\S+)/.exec(r.stdout)?.[1] as string;
    expect(url).toMatch(/\/triggers\/T[A-Z0-9]+\/Ft[A-Z0-9]+\/[0-9a-f]{32}$/);
    const post = (body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const hit = await post({ kind: 'greeting', name: 'Ada', channel: 'C0GENERAL' });
    expect(hit.status).toBe(200);
    expect(await hit.json()).toEqual({ ok: true });
    const passedOver = await post({ kind: 'farewell', name: 'Bob' });
    expect(await passedOver.json()).toEqual({ ok: true });
    const { trips } = await control<{ trips: { trigger_id: string; data: unknown }[] }>(emu, `triggers/trips?app_id=${sample.appId}`);
    const id = /Created trigger (Ft\w+)/.exec(r.stderr)?.[1];
    expect(trips.filter((t) => t.trigger_id === id).map((t) => t.data)).toEqual([{ kind: 'greeting', name: 'Ada', channel: 'C0GENERAL' }]);
  });

  it('scheduled from the sample .ts: printed with its next run, which the list shows too (table and next_run in --json)', async () => {
    const r = await trigger(['create', '--trigger-def', 'triggers/daily_summary.ts']);
    expect(r.code, r.stderr).toBe(0);
    const created = { id: /^Daily summary (Ft\w+) \(scheduled\)\n/.exec(r.stdout)?.[1] };
    const next = firstWeekdayFromTomorrow();
    expect(r.stdout).toContain(`  Next run:    ${next} 09:00 +00:00\n`);
    const listed = json<{ triggers: Trigger[] }>(await trigger(['list', '--type', 'scheduled', '--json']));
    expect(listed.triggers.find((t) => t.id === created.id)?.next_run).toBe(`${next}T09:00:00+00:00`);
    const table = await trigger(['list', '--type', 'scheduled']);
    expect(table.stdout).toContain(`${created.id}\tscheduled\tDaily summary\tdaily_summary\t${next} 09:00 +00:00\n`);
  });

  it('event from a .json: reaction_added in #general', async () => {
    const file = def('reactions.json', {
      type: 'event',
      name: 'Reactions',
      workflow: GREET,
      inputs: { name: { value: '{{data.user_id}}' }, channel: { value: '{{data.channel_id}}' } },
      event: { event_type: 'slack#/events/reaction_added', channel_ids: ['C0GENERAL'] },
    });
    const r = await trigger(['create', '--trigger-def', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Reactions Ft\w+ \(event\)\n/);
    expect(r.stdout).toContain('Event:       slack#/events/reaction_added');
  });
});

/** The date (UTC) of the sample schedule's first run: tomorrow, or the first weekday after it. */
function firstWeekdayFromTomorrow(): string {
  const d = new Date(Date.now() + 24 * 3_600_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

describe('a definition with a problem: exit 2 naming the field, and nothing reaches the emulator', () => {
  const base = { name: 'Bad', workflow: GREET, inputs: { name: { value: 'x' }, channel: { value: 'C0GENERAL' } } };
  it.each([
    {
      name: 'a bad schedule',
      definition: { ...base, type: 'scheduled', schedule: { start_time: '2099-01-01T09:00:00Z', frequency: { type: 'fortnightly' } } },
      want: 'schedule.frequency.type: "fortnightly" is not a frequency',
    },
    {
      name: 'an unknown workflow, with the suggestion',
      definition: { ...base, type: 'shortcut', workflow: '#/workflows/greet_and_remembr' },
      want: 'workflow: the manifest has no workflow "greet_and_remembr" (did you mean #/workflows/greet_and_remember?)',
    },
    {
      name: 'a missing required input',
      definition: { type: 'webhook', name: 'Bad', workflow: GREET, inputs: { channel: { value: 'C0GENERAL' } } },
      want: 'inputs.name: is required by #/workflows/greet_and_remember (type string)',
    },
    {
      name: '{{data.interactivity}} on a webhook',
      definition: { ...base, type: 'webhook', inputs: { ...base.inputs, name: { value: '{{data.interactivity}}' } } },
      want: 'inputs.name.value: {{data.interactivity}} is not available on a webhook trigger',
    },
    {
      name: 'an unknown event type',
      definition: { ...base, type: 'event', event: { event_type: 'slack#/events/reaction_addd', channel_ids: ['C0GENERAL'] } },
      want: 'event.event_type: "slack#/events/reaction_addd" is not an event type rosi knows (did you mean reaction_added?)',
    },
  ])('$name', async ({ name, definition, want }) => {
    const file = def(`${name.replace(/\W+/g, '-')}.json`, definition);
    const r = await trigger(['create', '--trigger-def', file]);
    expectFailure(r, 2);
    expect(r.stderr).toContain(`${file} is not a valid trigger definition (1 problem) (invalid_trigger_definition)`);
    expect(r.stderr).toContain(`  - ${want}`);
    expect(r.stderr).toContain(`Hint: Fix ${file} and run the command again; nothing was sent.`);
    expect(await callCount(emu, 'workflows.triggers.create')).toBe(0);
  });

  it('--trigger-def together with --title: exit 2 naming both, nothing sent', async () => {
    const r = await trigger(['create', '--trigger-def', 'triggers/greet_webhook.ts', '--title', 'Hi']);
    expectFailure(r, 2);
    expect(r.stderr).toContain('--trigger-def cannot be combined with --title: the file says everything about the trigger (mismatched_flags)');
    expect(await callCount(emu, 'workflows.triggers.create')).toBe(0);
  });

  it('from flags, a workflow input flags cannot give: the hint’s definition file and command, run as printed, make the trigger', async () => {
    const r = await trigger(['create', '--workflow', 'greet_and_remember', '--title', 'Say hi']);
    expectFailure(r, 2);
    expect(r.stderr).toContain('✗ The trigger described by --workflow/--title is not valid (2 problems)');
    expect(r.stderr).toContain('  - inputs.name: is required by #/workflows/greet_and_remember (type string)\n');
    expect(r.stderr).toContain('  - inputs.channel: is required by #/workflows/greet_and_remember (type slack#/types/channel_id)\n');
    expect(r.stderr).not.toContain('the trigger flags');
    expect(await callCount(emu, 'workflows.triggers.create')).toBe(0);

    const starter = JSON.parse(r.stderr.slice(r.stderr.indexOf('\n{') + 1)) as { inputs: Record<string, { value: string }> };
    // A link is clicked in a channel: the starter fills the channel input with it, and leaves the name to the user.
    expect(starter).toMatchObject({ type: 'shortcut', name: 'Say hi', workflow: GREET, inputs: { name: { value: '<name>' }, ...IN_CHANNEL } });
    starter.inputs.name = { value: '{{data.user_id}}' };
    writeFileSync(join(sample.dir, 'triggers', 'greet_and_remember.json'), JSON.stringify(starter, null, 2));
    const rerun = printedArgv(r.stderr, 'then run: ');
    expect(rerun).toEqual(['trigger', 'create', '--trigger-def', 'triggers/greet_and_remember.json', '--app', sample.appId]);
    const made = await runRosi(rerun, { home, cwd: sample.dir });
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/^Say hi Ft\w+ \(shortcut\)/);
  });
});

describe('rosi trigger list', () => {
  let paging: { dir: string; appId: string };
  beforeAll(async () => {
    paging = await deploySample(home, 'paging');
  }, 60_000);
  const inPaging = (args: string[]) => trigger([...args, '--app', paging.appId], { cwd: paging.dir });

  it('follows the cursor past one page: 7 triggers with --limit 3 are all listed, and another app’s are not', async () => {
    for (let i = 1; i <= 7; i++) {
      const file = join(paging.dir, 'triggers', `link${i}.json`);
      writeFileSync(file, JSON.stringify({ type: 'shortcut', name: `Link ${i}`, workflow: GREET, inputs: { name: { value: `n${i}` }, ...IN_CHANNEL } }));
      expect((await inPaging(['create', '--trigger-def', file])).code).toBe(0);
    }
    await inPaging(['create', '--trigger-def', 'triggers/greet_webhook.ts']);
    await control(emu, 'reset-calls', {});
    const listed = json<{ app_id: string; triggers: Trigger[] }>(await inPaging(['list', '--limit', '3', '--json']));
    expect(listed.app_id).toBe(paging.appId);
    expect(listed.triggers.map((t) => t.name)).toEqual(['Link 1', 'Link 2', 'Link 3', 'Link 4', 'Link 5', 'Link 6', 'Link 7', 'Greet from a webhook']);
    expect(await callCount(emu, 'workflows.triggers.list')).toBe(3);

    const table = await inPaging(['list', '--limit', '3']);
    expect(table.code, table.stderr).toBe(0);
    const rows = table.stdout.trim().split('\n');
    expect(rows[0]).toBe('id\ttype\tname\tworkflow\turl, next run or event');
    expect(rows.slice(1).map((row) => row.split('\t')[2])).toEqual(listed.triggers.map((t) => t.name));
    // The sample app (same developer, same team) has triggers of its own: none of them is here.
    const sampleIds = json<{ triggers: Trigger[] }>(await trigger(['list', '--json'])).triggers.map((t) => t.id);
    expect(sampleIds.length).toBeGreaterThan(0);
    expect(listed.triggers.filter((t) => sampleIds.includes(t.id))).toEqual([]);
  });

  it('--type webhook keeps the webhooks', async () => {
    const only = json<{ triggers: Trigger[] }>(await inPaging(['list', '--type', 'webhook', '--json']));
    expect(only.triggers.map((t) => [t.type, t.name])).toEqual([['webhook', 'Greet from a webhook']]);
    const table = await inPaging(['list', '--type', 'webhook']);
    expect(table.stdout.trim().split('\n')).toHaveLength(2);
    expect(table.stdout).toMatch(/\twebhook\tGreet from a webhook\tgreet_and_remember\thttp:\/\/127\.0\.0\.1:\d+\/triggers\//);
  });

  it('an app with no triggers: exit 0, a note on stderr, {"triggers":[]} in JSON', async () => {
    const empty = await deploySample(home, 'empty');
    const r = await trigger(['list'], { cwd: empty.dir });
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toContain(`App ${empty.appId} has no triggers.`);
    const webhooks = await trigger(['list', '--type', 'webhook'], { cwd: empty.dir });
    expect(webhooks.stderr).toContain(`App ${empty.appId} has no webhook triggers.`);
    expect(json(await trigger(['list', '--json'], { cwd: empty.dir }))).toEqual({ app_id: empty.appId, triggers: [] });
  }, 60_000);
});
