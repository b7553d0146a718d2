import { expect, it } from 'vitest';
import { control } from '../helpers/e2e.js';
import { describeWith } from '../helpers/system-tools.js';
import { useDeployedApps, type DeployedApp } from './deployed-app.js';

// Workflows of a deployed app as the engine runs them, each function in real Deno: outputs carried from step
// to step, a function that completes itself or never does, and a step that fails stopping the workflow.

const apps = useDeployedApps();

const text = { type: 'string' };
const number = { type: 'number' };

/** `{{steps.<id>.<output>}}` carries each step's output to the next; a whole-string template keeps its type. */
const chain = {
  functions: {
    first: {
      source: 'export default ({ inputs }) => ({ outputs: { word: `${inputs.word}-one`, count: 1 } });\n',
      inputs: { word: text },
      outputs: { word: text, count: number },
    },
    second: {
      source: 'export default ({ inputs }) => ({ outputs: { word: `${inputs.word}-two`, count: inputs.count + 1 } });\n',
      inputs: { word: text, count: number },
      outputs: { word: text, count: number },
    },
    third: {
      source: 'export default ({ inputs }) => ({ outputs: { sentence: `${inputs.word}-three after ${inputs.count} steps` } });\n',
      inputs: { word: text, count: number },
      outputs: { sentence: text },
    },
    // Completes its own execution, then tells the runtime not to (as a handler that finishes in an action handler would).
    self_complete: {
      source: `export default async ({ token, env, body }) => {
  const id = body.event.function_execution_id;
  const r = await fetch(\`\${env.SLACK_API_URL}functions.completeSuccess\`, {
    method: 'POST',
    headers: { authorization: \`Bearer \${token}\`, 'content-type': 'application/json' },
    body: JSON.stringify({ function_execution_id: id, outputs: { note: 'done by hand' } }),
  });
  console.log('completeSuccess answered', (await r.json()).ok);
  return { completed: false };
};
`,
      outputs: { note: text },
    },
    park: { source: "export default () => {\n  console.log('parked');\n  return { completed: false };\n};\n" },
    refuse: { source: "export default () => ({ error: 'no such customer' });\n", inputs: { word: text } },
  },
  workflows: {
    three_steps: {
      inputs: { word: text },
      steps: [
        { id: 'a', function_id: '#/functions/first', inputs: { word: '{{inputs.word}}' } },
        { id: 'b', function_id: '#/functions/second', inputs: { word: '{{steps.a.word}}', count: '{{steps.a.count}}' } },
        { id: 'c', function_id: '#/functions/third', inputs: { word: '{{steps.b.word}}', count: '{{steps.b.count}}' } },
      ],
    },
    completes_itself: {
      steps: [
        { id: '0', function_id: '#/functions/self_complete', inputs: {} },
        { id: '1', function_id: '#/functions/third', inputs: { word: '{{steps.0.note}}', count: 1 } },
      ],
    },
    never_completes: {
      steps: [
        { id: '0', function_id: '#/functions/park', inputs: {} },
        { id: '1', function_id: '#/functions/third', inputs: { word: 'never', count: 0 } },
      ],
    },
    refuses: {
      inputs: { word: text },
      steps: [
        { id: '0', function_id: '#/functions/first', inputs: { word: '{{inputs.word}}' } },
        { id: '1', function_id: '#/functions/refuse', inputs: { word: '{{steps.0.word}}' } },
        { id: '2', function_id: '#/functions/third', inputs: { word: 'never', count: 0 } },
      ],
    },
  },
};

let app: DeployedApp | undefined;
const deployed = async () => (app ??= await apps.deploy('chain', chain));

interface ActivityLine {
  event_type: string;
  level: string;
  payload: Record<string, unknown>;
}

/** The execution's entries, oldest first, as `rosi activity --json` prints them. */
async function entries(a: DeployedApp, traceId: string): Promise<ActivityLine[]> {
  const r = await a.rosi(['activity', '--trace-id', traceId, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ActivityLine);
}

describeWith(['deno'], 'workflow cases, end to end', () => {
  it('three steps: each step’s outputs feed the next, and the last one’s output is in the executions endpoint', async () => {
    const a = await deployed();
    const x = await a.run('three_steps', { word: 'go' });
    expect(x.status, JSON.stringify(x)).toBe('completed');
    expect(x.steps.map((s) => [s.function_id, s.status])).toEqual([
      ['#/functions/first', 'completed'],
      ['#/functions/second', 'completed'],
      ['#/functions/third', 'completed'],
    ]);
    expect(x.steps[1]?.inputs).toEqual({ word: 'go-one', count: 1 });
    expect(x.steps[2]?.inputs).toEqual({ word: 'go-one-two', count: 2 });
    expect(x.steps[2]?.outputs).toEqual({ sentence: 'go-one-two-three after 2 steps' });
  }, 120_000);

  it('a function that calls functions.completeSuccess itself and returns {completed: false}: the workflow goes on with its outputs', async () => {
    const a = await deployed();
    const x = await a.run('completes_itself');
    expect(x.status, JSON.stringify(x)).toBe('completed');
    expect(x.steps.map((s) => s.status)).toEqual(['completed', 'completed']);
    expect(x.steps[0]?.outputs).toEqual({ note: 'done by hand' });
    expect(x.steps[1]?.outputs).toEqual({ sentence: 'done by hand-three after 1 steps' });
    const output = (await entries(a, x.trace_id)).find((e) => e.event_type === 'function_execution_output');
    expect(output?.payload.log).toMatch(/completeSuccess answered true/);
  }, 120_000);

  it('a function that returns {completed: false} and never completes times out at the completion limit, by the emulator’s clock', async () => {
    const a = await deployed();
    const id = await a.start('never_completes');
    // The limit (5 minutes) runs from when the function returned: move the clock past it until the step gives up.
    const x = await a.execution(id, (e) => {
      if (e.status === 'running') void control(apps.emu, 'clock', { advance_ms: 6 * 60_000 });
      return e.status !== 'running';
    });
    expect(x.status).toBe('failed');
    expect(x.steps).toHaveLength(1);
    expect(x.steps[0]).toMatchObject({ status: 'timed_out', error: 'event_dispatch_failed' });
    const log = await entries(a, x.trace_id);
    expect(log.find((e) => e.event_type === 'function_execution_output')?.payload.log).toMatch(/parked/);
    expect(log.slice(-4).map((e) => [e.event_type, e.level, e.payload.error])).toEqual([
      ['function_execution_result', 'error', 'event_dispatch_failed'],
      ['workflow_step_execution_result', 'error', undefined],
      ['workflow_execution_result', 'error', 'Function failed to execute'],
      ['function_execution_result', 'error', 'Function failed to execute'],
    ]);
  }, 120_000);

  it('a function that returns {error}: completeError fails its step, the later steps never run, and the log ends as Slack’s does', async () => {
    const a = await deployed();
    const x = await a.run('refuses', { word: 'go' });
    expect(x.status).toBe('failed');
    expect(x.steps.map((s) => [s.function_id, s.status, s.error])).toEqual([
      ['#/functions/first', 'completed', undefined],
      ['#/functions/refuse', 'failed', 'no such customer'],
    ]);
    const log = await entries(a, x.trace_id);
    expect(log.filter((e) => e.event_type === 'workflow_step_started')).toHaveLength(2);
    expect(log.slice(-4).map((e) => [e.event_type, e.level, e.payload.error])).toEqual([
      ['function_execution_result', 'error', 'no such customer'],
      ['workflow_step_execution_result', 'error', undefined],
      ['workflow_execution_result', 'error', 'Function failed to execute'],
      ['function_execution_result', 'error', 'Function failed to execute'],
    ]);
  }, 120_000);
});
