import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { control } from '../helpers/e2e.js';
import { describeWith } from '../helpers/system-tools.js';
import { useDeployedApps } from './deployed-app.js';

// Event triggers in the built emulator, with the app's function in real Deno: a message a workflow posts is a
// message_posted event that starts another workflow, and POST /__emulator/events posts a reaction_added.

const apps = useDeployedApps();

interface Execution {
  id: string;
  trace_id: string;
  trigger_id: string;
  workflow: string;
  status: string;
  inputs: Record<string, unknown>;
  steps: { function_id: string; status: string; outputs?: Record<string, unknown> }[];
}

const name = { type: 'string' };

const greet = {
  source: 'export default ({ inputs }: { inputs: { name: string } }) => ({ outputs: { greeting: `Hi, ${inputs.name}` } });\n',
  inputs: { name },
  outputs: { greeting: name },
};

/** Three workflows: one posts to #general, two greet through the Deno function. */
const APP = {
  functions: { greet },
  workflows: {
    announce: {
      inputs: { name },
      steps: [{ id: '0', function_id: 'slack#/functions/send_message', inputs: { channel_id: 'C0GENERAL', message: 'hello {{inputs.name}}' } }],
    },
    greet_on_message: {
      inputs: { name, poster: name },
      steps: [{ id: '0', function_id: '#/functions/greet', inputs: { name: '{{inputs.name}}' } }],
    },
    greet_reactor: {
      inputs: { user: name, reaction: name, message_ts: name },
      steps: [{ id: '0', function_id: '#/functions/greet', inputs: { name: '{{inputs.user}}' } }],
    },
  },
};

const statement = (s: string) => ({ version: 1, root: { statement: s } });

async function settled(appId: string, count: number): Promise<Execution[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { executions } = await control<{ executions: Execution[] }>(apps.emu, `executions?app_id=${appId}`);
    if (executions.length >= count && executions.every((x) => x.status !== 'running')) return executions.reverse();
    if (Date.now() > deadline) throw new Error(`executions did not settle: ${JSON.stringify(executions)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeWith(['deno'], 'event triggers fire in the emulator', () => {
  it('a workflow’s message starts the message_posted trigger’s workflow in Deno; a posted reaction_added starts another', async () => {
    const app = await apps.deploy('events', APP);
    const { appId } = app;
    const create = async (file: string, definition: unknown) => {
      writeFileSync(join(app.dir, file), JSON.stringify(definition));
      const made = await app.rosi(['trigger', 'create', '--trigger-def', file, '--json']);
      expect(made.code, made.stderr).toBe(0);
      return JSON.parse(made.stdout) as { id: string; webhook_url?: string };
    };
    const hook = await create('announce.json', {
      type: 'webhook',
      name: 'Announce',
      workflow: '#/workflows/announce',
      inputs: { name: { value: '{{data.name}}' } },
    });
    const onMessage = await create('on-message.json', {
      type: 'event',
      name: 'Greet on hello',
      workflow: '#/workflows/greet_on_message',
      event: { event_type: 'slack#/events/message_posted', channel_ids: ['C0GENERAL'], filter: statement('{{data.text}} == hello Ada') },
      inputs: { name: { value: '{{data.text}}' }, poster: { value: '{{data.user_id}}' } },
    });
    const onReaction = await create('on-reaction.json', {
      type: 'event',
      name: 'Greet who reacted',
      workflow: '#/workflows/greet_reactor',
      event: { event_type: 'slack#/events/reaction_added', channel_ids: ['C0GENERAL'] },
      inputs: { user: { value: '{{data.user_id}}' }, reaction: { value: '{{data.reaction}}' }, message_ts: { value: '{{data.message_ts}}' } },
    });

    // A message the filter passes over starts nothing; "hello Ada" starts the greeting.
    const fire = (body: unknown) =>
      fetch(String(hook.webhook_url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await fire({ name: 'Bo' })).status).toBe(200);
    expect((await fire({ name: 'Ada' })).status).toBe(200);
    const [, announced, greeted] = await settled(appId, 3);
    await new Promise((r) => setTimeout(r, 300));
    expect((await control<{ executions: Execution[] }>(apps.emu, `executions?app_id=${appId}`)).executions).toHaveLength(3);
    expect(announced).toMatchObject({ trigger_id: hook.id, workflow: 'announce', status: 'completed' });
    expect(greeted, JSON.stringify(greeted)).toMatchObject({ trigger_id: onMessage.id, workflow: 'greet_on_message', status: 'completed' });
    expect(greeted?.inputs).toEqual({ name: 'hello Ada', poster: expect.stringMatching(/^U[A-Z0-9]+$/) });
    expect(greeted?.steps.map((s) => [s.function_id, s.status])).toEqual([['#/functions/greet', 'completed']]);
    expect(String(greeted?.steps[0]?.outputs?.greeting)).toMatch(/hello Ada/);

    // A reaction posted through the control endpoint: the workflow gets the event's data as its inputs.
    const reacted = await control<{ started: { trigger_id: string; workflow_execution_id: string }[] }>(apps.emu, 'events', {
      type: 'reaction_added',
      data: { channel_id: 'C0GENERAL', user_id: 'U0EMULATOR', reaction: 'wave', message_ts: '1764331200.000100' },
    });
    expect(reacted.started).toEqual([expect.objectContaining({ trigger_id: onReaction.id })]);
    const all = await settled(appId, 4);
    const byReaction = all.find((x) => x.id === reacted.started[0]?.workflow_execution_id);
    expect(byReaction).toMatchObject({ status: 'completed', inputs: { user: 'U0EMULATOR', reaction: 'wave', message_ts: '1764331200.000100' } });

    const lines = await app.rosi(['activity', '--app', appId]);
    expect(lines.code, lines.stderr).toBe(0);
    const started = lines.stdout.split('\n').filter((l) => l.includes('trigger successfully started'));
    expect(started.filter((l) => /Event trigger successfully started execution of function 'greet_on_message'$/.test(l))).toHaveLength(1);
    expect(started.filter((l) => /Event trigger successfully started execution of function 'greet_reactor'$/.test(l))).toHaveLength(1);
    expect(started.filter((l) => /Webhook trigger successfully started execution of function 'announce'$/.test(l))).toHaveLength(2);
  }, 120_000);
});
