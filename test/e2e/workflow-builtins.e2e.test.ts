import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { control, runRosi, startEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';
import { describeWith } from '../helpers/system-tools.js';
import { loginSplit } from './login-helpers.js';

// An app written with Slack's Deno SDK runs in the built emulator, its function in real Deno: the function posts
// with client.chat.postMessage and the execution's token, the next steps react to that message and make a
// channel; a form step is answered from the emulator's --answers file, and one no answer covers fails saying so.

let emu: EmulatorHandle;
let home: string;
let cleanup: () => void;

const ANSWERS = { 'report/0': { fields: { title: 'Printer jam' } } };

beforeAll(async () => {
  ({ home, cleanup } = tempHome());
  writeFileSync(join(home, 'answers.json'), JSON.stringify(ANSWERS));
  emu = await startEmulator(['--in-memory', '--control', '--answers', join(home, 'answers.json')]);
  await loginSplit(emu, home);
});
afterAll(async () => {
  await emu?.stop();
  cleanup?.();
});

const FILES: Record<string, string> = {
  // The built-in build: no hooks of the project's own.
  '.slack/hooks.json': JSON.stringify({ runtime: 'deno', hooks: {} }),
  'manifest.ts': `export default {
  _metadata: { major_version: 2 },
  display_information: { name: 'Built-ins', description: 'Posts, reacts, makes a channel, asks with a form' },
  settings: { function_runtime: 'slack' },
  outgoing_domains: [],
  oauth_config: { scopes: { bot: ['commands', 'chat:write'] } },
  functions: {
    announce: {
      title: 'Announce',
      source_file: 'functions/announce.ts',
      input_parameters: { properties: { channel: { type: 'slack#/types/channel_id' }, text: { type: 'string' } }, required: ['channel', 'text'] },
      output_parameters: { properties: { channel: { type: 'string' }, ts: { type: 'string' } }, required: ['channel', 'ts'] },
    },
  },
  workflows: {
    announce: {
      title: 'Announce and celebrate',
      input_parameters: { properties: { text: { type: 'string' }, room: { type: 'string' } }, required: ['text', 'room'] },
      steps: [
        { id: '0', function_id: '#/functions/announce', inputs: { channel: 'C0GENERAL', text: '{{inputs.text}}' } },
        {
          id: '1',
          function_id: 'slack#/functions/add_reaction',
          inputs: { message_context: { channel_id: '{{steps.0.channel}}', message_ts: '{{steps.0.ts}}' }, emoji: 'tada' },
        },
        { id: '2', function_id: 'slack#/functions/create_channel', inputs: { channel_name: '{{inputs.room}}' } },
      ],
    },
    report: {
      title: 'Report a problem',
      input_parameters: { properties: { interactivity: { type: 'slack#/types/interactivity' } }, required: ['interactivity'] },
      steps: [
        {
          id: '0',
          function_id: 'slack#/functions/open_form',
          inputs: { title: 'Report', interactivity: '{{inputs.interactivity}}', fields: { elements: [{ name: 'title', title: 'Title', type: 'string' }] } },
        },
        { id: '1', function_id: 'slack#/functions/send_message', inputs: { channel_id: 'C0GENERAL', message: 'Reported: {{steps.0.fields.title}}' } },
      ],
    },
    survey: {
      title: 'Survey',
      input_parameters: { properties: { interactivity: { type: 'slack#/types/interactivity' } }, required: ['interactivity'] },
      steps: [
        {
          id: '0',
          function_id: 'slack#/functions/open_form',
          inputs: { title: 'Survey', interactivity: '{{inputs.interactivity}}', fields: { elements: [{ name: 'mood', title: 'Mood', type: 'string' }] } },
        },
      ],
    },
  },
};
`,
  'functions/announce.ts': `import { DefineFunction, Schema, SlackFunction } from "@slack/deno-slack-sdk";

export const AnnounceFunction = DefineFunction({
  callback_id: "announce",
  title: "Announce",
  source_file: "functions/announce.ts",
  input_parameters: { properties: { channel: { type: Schema.slack.types.channel_id }, text: { type: Schema.types.string } }, required: ["channel", "text"] },
  output_parameters: { properties: { channel: { type: Schema.types.string }, ts: { type: Schema.types.string } }, required: ["channel", "ts"] },
});

export default SlackFunction(AnnounceFunction, async ({ inputs, client }) => {
  const posted = await client.chat.postMessage({ channel: inputs.channel, text: inputs.text });
  if (!posted.ok) return { error: \`chat.postMessage failed: \${posted.error}\` };
  return { outputs: { channel: posted.channel, ts: posted.ts } };
});
`,
  'triggers/announce.json': JSON.stringify({
    type: 'webhook',
    name: 'Announce',
    workflow: '#/workflows/announce',
    inputs: { text: { value: '{{data.text}}' }, room: { value: '{{data.room}}' } },
  }),
  'triggers/report.json': JSON.stringify({
    type: 'shortcut',
    name: 'Report',
    workflow: '#/workflows/report',
    inputs: { interactivity: { value: '{{data.interactivity}}' } },
  }),
  'triggers/survey.json': JSON.stringify({
    type: 'shortcut',
    name: 'Survey',
    workflow: '#/workflows/survey',
    inputs: { interactivity: { value: '{{data.interactivity}}' } },
  }),
};

interface Execution {
  id: string;
  trace_id: string;
  workflow: string;
  status: string;
  steps: { function_id: string; status: string; outputs?: Record<string, unknown>; error?: string }[];
}

/** The app's execution of `workflow` once it has ended. */
async function ended(appId: string, workflow: string): Promise<Execution> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { executions } = await control<{ executions: Execution[] }>(emu, `executions?app_id=${appId}`);
    const x = executions.find((e) => e.workflow === workflow);
    if (x && x.status !== 'running') return x;
    if (Date.now() > deadline) throw new Error(`no ${workflow} execution ended: ${JSON.stringify(executions)}\n${emu.log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Message {
  ts: string;
  text?: string;
  reactions?: { name: string; count: number }[];
  function_execution_id?: string;
}
const messages = async (channel: string) => (await control<{ messages: Message[] }>(emu, `messages?channel=${channel}`)).messages;

describeWith(['deno'], 'built-in functions and chat.postMessage in a deployed app', () => {
  let dir: string;
  let appId: string;
  const rosi = (args: string[]) => runRosi(args, { home, cwd: dir, env: { TZ: 'UTC' }, timeoutMs: 90_000 });
  const trigger = async (file: string) => {
    const made = await rosi(['trigger', 'create', '--trigger-def', file, '--json']);
    expect(made.code, made.stderr).toBe(0);
    return JSON.parse(made.stdout) as { id: string; webhook_url?: string };
  };

  beforeAll(async () => {
    dir = join(home, 'builtins-app');
    for (const [name, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const deployed = await rosi(['deploy', '--json']);
    expect(deployed.code, deployed.stderr).toBe(0);
    appId = (JSON.parse(deployed.stdout) as { app_id: string }).app_id;
  }, 120_000);

  it('a function posts with client.chat.postMessage and its token; add_reaction reacts to that message; create_channel makes one', async () => {
    const { webhook_url } = await trigger('triggers/announce.json');
    const res = await fetch(webhook_url ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'We shipped!', room: 'launch-room' }),
    });
    expect(await res.json()).toEqual({ ok: true });
    const x = await ended(appId, 'announce');
    expect(x.status, JSON.stringify(x)).toBe('completed');
    const ts = x.steps[0]?.outputs?.ts;
    expect(x.steps[0]?.outputs).toEqual({ channel: 'C0GENERAL', ts: expect.stringMatching(/^\d+\.\d{6}$/) });
    const [posted] = await messages('C0GENERAL');
    expect(posted).toMatchObject({ ts, text: 'We shipped!', reactions: [{ name: 'tada', count: 1 }] });
    // The message came with the function's execution token: it carries that execution.
    expect(posted?.function_execution_id).toMatch(/^Fx/);
    const made = x.steps[2]?.outputs?.channel_id;
    const { channels } = await control<{ channels: { id: string; name: string }[] }>(emu, 'channels');
    expect(channels.find((c) => c.id === made)?.name).toBe('launch-room');

    const trace = await rosi(['activity', 'trace', x.trace_id]);
    expect(trace.code, trace.stderr).toBe(0);
    expect(trace.stdout).toMatch(/Add a reaction to a message/);
    expect(trace.stdout).toMatch(/Create a channel/);
  }, 90_000);

  it('open_form answered from --answers feeds the next step; a form no answer covers fails, saying how to answer', async () => {
    const report = await trigger('triggers/report.json');
    await control(emu, 'triggers/fire', { trigger_id: report.id });
    const x = await ended(appId, 'report');
    expect(x.status, JSON.stringify(x)).toBe('completed');
    expect(x.steps[0]?.outputs?.fields).toEqual({ title: 'Printer jam' });
    expect((await messages('C0GENERAL')).map((m) => m.text)).toContain('Reported: Printer jam');

    const survey = await trigger('triggers/survey.json');
    await control(emu, 'triggers/fire', { trigger_id: survey.id });
    const failed = await ended(appId, 'survey');
    expect(failed.status).toBe('failed');
    expect(failed.steps[0]?.error).toMatch(/^no_answer: open_form needs a person and the emulator cannot ask one \(workflow survey, step 0\)/);
    const trace = await rosi(['activity', 'trace', failed.trace_id]);
    expect(trace.stdout.split('\n')[0]).toMatch(/ · failed$/);
    expect(trace.stdout).toContain('--answers');
  }, 90_000);
});
