import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { control } from '../helpers/e2e.js';
import { describeWith } from '../helpers/system-tools.js';
import { useDeployedApps, type DeployedApp } from './deployed-app.js';

// The token a function execution runs with, through the built CLI and emulator with the function in real Deno:
// it works while its execution runs, is refused once it ended, and nothing of another team reaches the app.
// The function hands its token to a loopback server of the test's (listed in the manifest's outgoing_domains),
// never to an output or a log.

const apps = useDeployedApps();

let server: Server;
let handed: { token: string; fx: string }[] = [];
let port = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      handed.push(JSON.parse(body) as { token: string; fx: string });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const text = { type: 'string' };

/** Hands its token and execution ID over, and leaves the execution running for the test to complete. */
const keeper = () => ({
  outgoingDomains: [`127.0.0.1:${port}`],
  functions: {
    hand_over: {
      source: `export default async ({ token, body }) => {
  await fetch('http://127.0.0.1:${port}/', { method: 'POST', body: JSON.stringify({ token, fx: body.event.function_execution_id }) });
  return { completed: false };
};
`,
      outputs: { word: text },
    },
    echo: { source: 'export default ({ inputs }) => ({ outputs: { word: inputs.word } });\n', inputs: { word: text }, outputs: { word: text } },
  },
  workflows: {
    hand_over: {
      steps: [
        { id: '0', function_id: '#/functions/hand_over', inputs: {} },
        { id: '1', function_id: '#/functions/echo', inputs: { word: '{{steps.0.word}}' } },
      ],
    },
  },
});

/** Another app's function: tries to complete someone else's execution with its own token, and says what it was told. */
const meddler = {
  functions: {
    meddle: {
      source: `export default async ({ token, env, inputs }) => {
  const r = await fetch(\`\${env.SLACK_API_URL}functions.completeSuccess\`, {
    method: 'POST',
    headers: { authorization: \`Bearer \${token}\`, 'content-type': 'application/json' },
    body: JSON.stringify({ function_execution_id: inputs.target, outputs: { word: 'hijacked' } }),
  });
  return { outputs: { answer: String((await r.json()).error) } };
};
`,
      inputs: { target: text },
      outputs: { answer: text },
    },
  },
  workflows: { meddle: { inputs: { target: text }, steps: [{ id: '0', function_id: '#/functions/meddle', inputs: { target: '{{inputs.target}}' } }] } },
};

/** A Web API call to the emulator with a Bearer token. */
async function call(method: string, token: string, body: Record<string, unknown>): Promise<{ ok: boolean; error?: string } & Record<string, unknown>> {
  const r = await fetch(`${apps.emu.url}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await r.json()) as { ok: boolean; error?: string };
}

/** The token and execution ID the running function handed over. */
async function handedOver(): Promise<{ token: string; fx: string }> {
  const deadline = Date.now() + 30_000;
  while (handed.length === 0) {
    if (Date.now() > deadline) throw new Error('the function handed nothing over');
    await new Promise((r) => setTimeout(r, 50));
  }
  const first = handed[0] as { token: string; fx: string };
  handed = [];
  return first;
}

let app: DeployedApp | undefined;
const deployed = async () => (app ??= await apps.deploy('keeper', keeper()));

describeWith(['deno'], 'execution tokens, end to end', () => {
  it('works while its execution runs; completing the execution revokes it: token_revoked after, as Slack answers', async () => {
    const a = await deployed();
    const id = await a.start('hand_over');
    const { token, fx } = await handedOver();
    expect(token).toMatch(/^xwfp-/);
    expect(await call('apps.datastore.get', token, { datastore: 'notes', id: 'n1' })).toMatchObject({ ok: true });

    expect(await call('functions.completeSuccess', token, { function_execution_id: fx, outputs: { word: 'later' } })).toEqual({ ok: true });
    const x = await a.execution(id);
    expect(x.status).toBe('completed');
    expect(x.steps.map((s) => s.outputs)).toEqual([{ word: 'later' }, { word: 'later' }]);

    expect(await call('apps.datastore.get', token, { datastore: 'notes', id: 'n1' })).toMatchObject({ ok: false, error: 'token_revoked' });
    expect(await call('functions.completeSuccess', token, { function_execution_id: fx, outputs: { word: 'again' } })).toMatchObject({
      ok: false,
      error: 'token_revoked',
    });
  }, 120_000);

  it('another team reaches nothing of the app: its triggers, its datastore, its running execution', async () => {
    const a = await deployed();
    const id = await a.start('hand_over');
    const { token, fx } = await handedOver();
    const other = await control<{ token: string; team_id: string }>(apps.emu, 'seed', {
      team_id: 'T0OTHERTEAM',
      team_domain: 'other',
      user_id: 'U0OTHERUSER',
    });

    // Triggers: not listed, not found, and its webhook does not answer under the other team's path.
    const listed = await call('workflows.triggers.list', other.token, { app_id: a.appId });
    expect(listed).toMatchObject({ ok: true, triggers: [] });
    const mine = await a.rosi(['trigger', 'list', '--json']);
    expect(mine.code, mine.stderr).toBe(0);
    const trigger = (JSON.parse(mine.stdout) as { triggers: { id: string; webhook_url: string }[] }).triggers[0];
    expect(trigger).toBeDefined();
    expect(await call('workflows.triggers.delete', other.token, { trigger_id: trigger?.id })).toMatchObject({ ok: false, error: 'trigger_not_found' });
    const elsewhere = String(trigger?.webhook_url).replace(`/triggers/${apps.emu.teamId}/`, '/triggers/T0OTHERTEAM/');
    expect((await fetch(elsewhere, { method: 'POST', body: '{}' })).status).toBe(404);

    // The datastore: the other team's user may not read the app's.
    expect(await call('apps.datastore.get', other.token, { app_id: a.appId, datastore: 'notes', id: 'n1' })).toMatchObject({
      ok: false,
      error: 'invalid_app_id',
    });

    // The running execution: a person's token is not a function's; another team's app function is access_denied.
    expect(await call('functions.completeSuccess', other.token, { function_execution_id: fx, outputs: { word: 'x' } })).toMatchObject({
      ok: false,
      error: 'not_allowed_token_type',
    });
    const b = await apps.deploy('meddler', meddler, { ROSI_TOKEN: other.token, ROSI_APIHOST: apps.emu.url });
    const meddled = await b.run('meddle', { target: fx });
    expect(meddled.steps[0]?.outputs).toEqual({ answer: 'access_denied' });

    // Untouched, it still completes with its own token.
    expect(await call('functions.completeSuccess', token, { function_execution_id: fx, outputs: { word: 'mine' } })).toEqual({ ok: true });
    expect((await a.execution(id)).steps.map((s) => s.outputs)).toEqual([{ word: 'mine' }, { word: 'mine' }]);
  }, 120_000);
});
