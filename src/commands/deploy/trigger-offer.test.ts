import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakePrompter } from '../../../test/helpers/fake-prompter.js';
import { createTestContext, type TestHarness } from '../../../test/helpers/test-context.js';
import { APP_ID, CI, deployed, PROJECT_FILES, tempFolders } from '../../../test/helpers/trigger-commands.js';
import { server } from '../../../test/msw/server.js';
import { calls, slackError, slackMethod } from '../../../test/msw/slack.js';
import { mayOfferTrigger, type OfferConditions } from './offer-conditions.js';
import { offerTrigger } from './trigger-offer.js';
import { loadHooks } from '../../deploy/bundle/hooks.js';

const folder = tempFolders();
const GREET = { type: 'webhook', name: 'Greet', workflow: '#/workflows/greet', inputs: { who: { value: '{{data.who}}' } } };
const LINK = { type: 'shortcut', name: 'Link', workflow: '#/workflows/greet', inputs: { who: { value: '{{data.user_id}}' } } };

describe('mayOfferTrigger: whether a deploy may offer at all', () => {
  const yes: OfferConditions = { hideTriggers: false, json: false, stdoutTTY: true, canPrompt: true };
  it.each([
    { name: 'a terminal, no flag → offers', c: yes, want: true },
    { name: '--hide-triggers → no', c: { ...yes, hideTriggers: true }, want: false },
    { name: '--json → no', c: { ...yes, json: true }, want: false },
    { name: 'stdout piped → no', c: { ...yes, stdoutTTY: false }, want: false },
    { name: 'no one to answer (CI, --no-prompt, stdin piped) → no', c: { ...yes, canPrompt: false }, want: false },
  ])('$name', ({ c, want }) => {
    expect(mayOfferTrigger(c)).toBe(want);
  });
});

let harness: TestHarness | undefined;
afterEach(() => harness?.cleanup());

/** A project with PROJECT_FILES and `files`, offered after a deploy to APP_ID, answering the prompt with `answers`. */
async function offer(files: Record<string, string>, answers: string[] = [], cwdBelow = '') {
  const root = folder({ ...PROJECT_FILES, ...files });
  const prompter = new FakePrompter({ 'trigger-definition-file': [...answers] });
  harness = createTestContext({ tty: true, prompter, env: { ...CI, TZ: 'UTC' }, cwd: join(root, cwdBelow) });
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const hooks = await loadHooks(root, { env: {} });
  await offerTrigger(harness.ctx, { api: await harness.ctx.api(), appId: APP_ID, root, hooks, manifest, flags: {} });
  return { root, prompter, stdout: harness.stdout(), stderr: harness.stderr() };
}

const noTriggers = () => slackMethod('workflows.triggers.list', () => ({ triggers: [] }));
const created = () =>
  slackMethod('workflows.triggers.create', (p) => ({
    trigger: deployed('Ft0NEW0001', { name: p.name, type: p.type, shortcut_url: undefined, webhook_url: 'https://hooks.test/x' }),
  }));

describe('offerTrigger: after a successful deploy', () => {
  it('no definition files: prints nothing and makes no call', async () => {
    const r = await offer({});
    expect(calls()).toHaveLength(0);
    expect(r.prompter.asked).toEqual([]);
    expect(r.stdout + r.stderr).toBe('');
  });

  it('the app has a trigger: no offer, one list call with the app and a small limit', async () => {
    server.use(slackMethod('workflows.triggers.list', () => ({ triggers: [deployed('Ft0OLD0001')] })));
    const r = await offer({ 'triggers/greet.json': JSON.stringify(GREET) });
    expect(calls().map((c) => c.method)).toEqual(['workflows.triggers.list']);
    expect(calls('workflows.triggers.list')[0]?.params).toEqual({ app_id: APP_ID, limit: 4 });
    expect(r.prompter.asked).toEqual([]);
    expect(r.stdout + r.stderr).toBe('');
  });

  it('only other apps’ triggers answered: still offers', async () => {
    server.use(slackMethod('workflows.triggers.list', () => ({ triggers: [deployed('Ft0OTHER01', {}, 'A0OTHER001')] })));
    const r = await offer({ 'triggers/greet.json': JSON.stringify(GREET) }, ['Do not create']);
    expect(r.prompter.asked).toHaveLength(1);
  });

  it('no trigger yet: lists the files, asks, creates the chosen one and prints it as trigger create does', async () => {
    server.use(noTriggers(), created());
    let offered: string[] = [];
    const prompter = (choices?: readonly { label: string }[]) => {
      offered = (choices ?? []).map((c) => c.label);
      return 'triggers/greet.json';
    };
    const root = folder({
      ...PROJECT_FILES,
      'triggers/greet.json': JSON.stringify(GREET),
      'triggers/link.json': JSON.stringify(LINK),
      'triggers/link.json~': '',
    });
    harness = createTestContext({ tty: true, prompter: new FakePrompter({ 'trigger-definition-file': [prompter] }), env: { ...CI, TZ: 'UTC' }, cwd: root });
    const manifest = JSON.parse(PROJECT_FILES['manifest.json']) as Record<string, unknown>;
    await offerTrigger(harness.ctx, {
      api: await harness.ctx.api(),
      appId: APP_ID,
      root,
      hooks: undefined,
      manifest,
      flags: { apihost: 'http://127.0.0.1:5810' },
    });
    expect(offered).toEqual(['triggers/greet.json', 'triggers/link.json', 'Do not create a trigger']);
    expect(harness.prompter.asked).toEqual([{ id: 'trigger-definition-file', message: 'Choose a trigger definition file:' }]);
    expect(calls('workflows.triggers.create')[0]?.params).toMatchObject({ name: 'Greet', workflow_app_id: APP_ID });
    expect(harness.stdout()).toBe(
      'Greet Ft0NEW0001 (webhook)\n  Workflow:    #/workflows/greet\n  Created:     2026-01-01 00:00 +00:00\n  URL:         https://hooks.test/x\n',
    );
    expect(harness.stderr()).toContain(
      "⚡ Create a trigger\nFound 2 trigger definition files under 'triggers/*':\n  triggers/greet.json\n  triggers/link.json\n",
    );
    expect(harness.stderr()).toContain(`✓ Created trigger Ft0NEW0001 on app ${APP_ID}`);
    expect(harness.stderr()).toContain(
      `Choose who can run it: rosi trigger access --trigger-id Ft0NEW0001 --everyone --apihost http://127.0.0.1:5810 --app ${APP_ID}`,
    );
  });

  it('hooks.json config.trigger-paths says where the files are', async () => {
    server.use(noTriggers());
    const r = await offer(
      {
        '.slack/hooks.json': '{"hooks": {}, "config": {"trigger-paths": ["defs/*.json"]}}',
        'defs/greet.json': JSON.stringify(GREET),
        'triggers/no.json': '{}',
      },
      ['Do not create a trigger'],
    );
    expect(r.stderr).toContain("Found 1 trigger definition file under 'defs/*.json':\n  defs/greet.json\n");
  });

  it('“Do not create a trigger”: nothing is created', async () => {
    server.use(noTriggers(), created());
    const r = await offer({ 'triggers/greet.json': JSON.stringify(GREET) }, ['Do not create a trigger']);
    expect(calls('workflows.triggers.create')).toHaveLength(0);
    expect(r.stdout).toBe('');
  });

  it('the list call fails: a warning, no question, and no error', async () => {
    server.use(slackError('workflows.triggers.list', 'internal_error'));
    const r = await offer({ 'triggers/greet.json': JSON.stringify(GREET) });
    expect(r.prompter.asked).toEqual([]);
    expect(r.stderr).toContain(`! Could not tell whether app ${APP_ID} has triggers`);
    expect(r.stderr).toContain('(internal_error)');
    expect(r.stderr).toContain(`To create one: rosi trigger create --app ${APP_ID}`);
    expect(r.stdout).toBe('');
  });

  it('Slack refuses the trigger: a warning and the command that retries it, from where the user is', async () => {
    server.use(noTriggers(), slackError('workflows.triggers.create', 'invalid_trigger_inputs'));
    const r = await offer({ 'triggers/greet.json': JSON.stringify(GREET) }, ['greet'], 'functions');
    expect(r.stderr).toContain('! The app is deployed, but the trigger from triggers/greet.json was not created:');
    expect(r.stderr).toContain(`To try again: rosi trigger create --trigger-def ../triggers/greet.json --app ${APP_ID}`);
    expect(r.stdout).toBe('');
  });

  it('an invalid definition: a warning naming the problem, nothing sent', async () => {
    server.use(noTriggers());
    const r = await offer({ 'triggers/bad.json': JSON.stringify({ ...GREET, workflow: '#/workflows/gret' }) }, ['bad']);
    expect(calls('workflows.triggers.create')).toHaveLength(0);
    expect(r.stderr).toContain('workflow: the manifest has no workflow "gret"');
    expect(r.stderr).toContain(`To try again: rosi trigger create --trigger-def triggers/bad.json --app ${APP_ID}`);
  });
});
