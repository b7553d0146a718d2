import { expect, it } from 'vitest';
import { spawnRosi } from '../helpers/activity-e2e.js';
import { describeWith } from '../helpers/system-tools.js';
import { useDeployedApps, type DeployedApp } from './deployed-app.js';

// A real execution of a deployed app, as `rosi activity trace` and `rosi activity --tail` show it.

const apps = useDeployedApps();

const text = { type: 'string' };
const notes = {
  functions: {
    hello: {
      source: 'export default ({ inputs }) => {\n  console.log(`hello from ${inputs.name}`);\n  return { outputs: { line: `note for ${inputs.name}` } };\n};\n',
      inputs: { name: text },
      outputs: { line: text },
    },
    save: {
      source: `const datastore = (env, token, method, body) =>
  fetch(\`\${env.SLACK_API_URL}apps.datastore.\${method}\`, {
    method: 'POST',
    headers: { authorization: \`Bearer \${token}\`, 'content-type': 'application/json' },
    body: JSON.stringify({ datastore: 'notes', ...body }),
  }).then((r) => r.json());
export default async ({ inputs, token, env }) => {
  console.log('saving', inputs.line);
  const put = await datastore(env, token, 'put', { item: { id: 'n1', text: inputs.line } });
  console.error('saved', put.ok);
  await datastore(env, token, 'get', { id: 'n1' });
  return { outputs: {} };
};
`,
      inputs: { line: text },
    },
  },
  workflows: {
    note: {
      inputs: { name: text },
      steps: [
        { id: '0', function_id: '#/functions/hello', inputs: { name: '{{inputs.name}}' } },
        { id: '1', function_id: '#/functions/save', inputs: { line: '{{steps.0.line}}' } },
      ],
    },
  },
};

let app: DeployedApp | undefined;
const deployed = async () => (app ??= await apps.deploy('notes', notes));

/** The tree without offsets and durations, which depend on timing. */
const shape = (out: string) =>
  out
    .trimEnd()
    .split('\n')
    .map((l, i) => (i === 0 ? l.replace(/ · \d{4}-.* · /, ' · ') : l.replace(/^\s*\+\S+ \S+ {2}/, '').replace(/ · [\d.]+ (µs|ms|s)$/, '')));

const ID = '[A-Z0-9]{10}';

describeWith(['deno'], 'a real execution in rosi activity', () => {
  it('rosi activity trace prints the execution as Slack’s, in order, each function’s output beside it', async () => {
    const a = await deployed();
    const x = await a.run('note', { name: 'Ada' });
    expect(x.status, JSON.stringify(x)).toBe('completed');
    const r = await a.rosi(['activity', 'trace', x.trace_id]);
    expect(r.code, r.stderr).toBe(0);
    expect(shape(r.stdout)).toEqual([
      `Trace ${x.trace_id} · completed`,
      expect.stringMatching(new RegExp(`^└─ ✓ Webhook trigger → 'note' Wf${ID}$`)),
      expect.stringMatching(new RegExp(`^   └─ ✓ Workflow 'note' Wf${ID}$`)),
      expect.stringMatching(new RegExp(`^      ├─ ✓ Step 1 of 2 'hello' Wf${ID}$`)),
      expect.stringMatching(new RegExp(`^      │  └─ ✓ Function 'hello' \\(app function\\) Fn${ID}$`)),
      '      │     └─ output: hello from Ada',
      expect.stringMatching(new RegExp(`^      └─ ✓ Step 2 of 2 'save' Wf${ID}$`)),
      expect.stringMatching(new RegExp(`^         └─ ✓ Function 'save' \\(app function\\) Fn${ID}$`)),
      '            ├─ output: saving note for Ada',
      "            ├─ Datastore 'notes' put succeeded with 'id: n1'",
      '            ├─ output: saved true',
      "            └─ Datastore 'notes' get succeeded with 'id: n1'",
    ]);

    // The same entries as lines, in §6.6's order: what a function printed comes before the datastore calls it
    // made after printing it, in as many output entries as that takes.
    const l = await a.rosi(['activity', '--trace-id', x.trace_id]);
    expect(l.code, l.stderr).toBe(0);
    const messages = l.stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.replace(/^\d{4}-\S+ \S+ /, '').replace(new RegExp(`\\[(Wf|Fn)${ID}\\] \\(Trace=Tr${ID}\\) `), '[$1] '));
    expect(messages).toEqual([
      "[info] [Wf] Webhook trigger successfully started execution of function 'note'",
      "[info] [Fn] Function 'note' (workflow function) started",
      "[info] [Wf] Workflow 'note' started",
      '[info] [Wf] Workflow step 1 of 2 started',
      "[info] [Fn] Function 'hello' (app function) started",
      '[info] [Fn] Function output:',
      '\thello from Ada',
      "[info] [Fn] Function 'hello' (app function) completed",
      "[info] [Wf] Workflow step 'hello' completed",
      '[info] [Wf] Workflow step 2 of 2 started',
      "[info] [Fn] Function 'save' (app function) started",
      '[info] [Fn] Function output:',
      '\tsaving note for Ada',
      `[info] [Datastore:notes] (Trace=${x.trace_id}) Datastore put succeeded with 'id: n1'`,
      '[info] [Fn] Function output:',
      '\tsaved true',
      `[info] [Datastore:notes] (Trace=${x.trace_id}) Datastore get succeeded with 'id: n1'`,
      "[info] [Fn] Function 'save' (app function) completed",
      "[info] [Wf] Workflow step 'save' completed",
      "[info] [Wf] Workflow 'note' completed",
      "[info] [Fn] Function 'note' (workflow function) completed",
    ]);
  }, 120_000);

  it('a function’s output comes before the datastore calls it made after printing it (runtime contract §6.6)', async () => {
    const a = await deployed();
    const x = await a.run('note', { name: 'Cy' });
    expect(x.status, JSON.stringify(x)).toBe('completed');
    const r = await a.rosi(['activity', '--trace-id', x.trace_id, '--limit', '0', '--json']);
    expect(r.code, r.stderr).toBe(0);
    type Entry = { created: number; event_type: string; source: string; payload: { log?: string; request_type?: string; function_name?: string } };
    const entries = r.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Entry)
      .sort((p, q) => p.created - q.created);
    const started = entries.findIndex((e) => e.event_type === 'function_execution_started' && e.payload.function_name === 'save');
    const ofSave = entries.slice(started, started + 6).map((e) => [e.event_type, e.source, e.payload.log ?? e.payload.request_type]);
    expect(ofSave, r.stdout).toEqual([
      ['function_execution_started', 'slack', undefined],
      ['function_execution_output', 'developer', 'saving note for Cy\n'],
      ['datastore_request_result', 'slack', 'put'],
      ['function_execution_output', 'developer', 'saved true\n'],
      ['datastore_request_result', 'slack', 'get'],
      ['function_execution_result', 'slack', undefined],
    ]);
    // created is strictly increasing in the order the entries were written.
    expect(new Set(entries.map((e) => e.created)).size).toBe(entries.length);
  }, 120_000);

  it('rosi activity --tail sees a new execution’s entries as they are written', async () => {
    const a = await deployed();
    const tail = spawnRosi(['activity', '--tail', '--interval', '0.2', '--json', '--app', a.appId], { home: apps.home, env: { TZ: 'UTC' } });
    try {
      // The tail has printed what was there (or nothing) once its first poll is done: give it that poll.
      await new Promise((r) => setTimeout(r, 1_000));
      const seen = tail.lines().length;
      const x = await a.run('note', { name: 'Bo' });
      const deadline = Date.now() + 15_000;
      const ofRun = () =>
        tail
          .lines()
          .slice(seen)
          .map((line) => JSON.parse(line) as { trace_id: string; event_type: string })
          .filter((e) => e.trace_id === x.trace_id);
      while (ofRun().length < 18 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const events = ofRun().map((e) => e.event_type);
      expect(events[0]).toBe('trigger_executed');
      expect(events).toContain('function_execution_output');
      expect(events).toContain('datastore_request_result');
      expect(events.at(-1)).toBe('function_execution_result');
      expect(events).toHaveLength(18);
    } finally {
      tail.signal('SIGINT');
      await tail.exit;
    }
  }, 120_000);
});
