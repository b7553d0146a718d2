import type { EmulatorClient } from './client.js';
import { RosiTestingError } from './errors.js';
import { messagesOfExecution } from './messages.js';
import type { Activity, FireResult, Step, Trigger } from './public-api.js';

type Json = Record<string, unknown>;

interface Execution {
  id: string;
  trace_id: string;
  trigger_id: string | null;
  status: string;
  error?: string;
  steps: { index: number; function_id: string; function_execution_id: string; status: string; inputs: Json; outputs?: Json; error?: string }[];
}

const POLL_MS = 10;
const LONGER = 'Give it longer: fire(trigger, data, { timeout }) or startEmulator({ fireTimeout }).';

/**
 * Starts the trigger's workflow and waits for its execution to end: a webhook trigger by a POST to its URL (its
 * filter judged, as for any caller), any other with emulator.triggers.run.
 */
export async function fireAndWait(
  client: EmulatorClient,
  trigger: Trigger | string,
  data: Json,
  o: { timeoutMs: number; appId: string | undefined },
): Promise<FireResult> {
  const t = typeof trigger === 'string' ? { id: trigger, appId: o.appId, name: trigger } : trigger;
  if (!t.appId) throw new RosiTestingError('no_app', `fire(${t.id}): no app is deployed; start with { project } or call deploy() first.`);
  const appId = t.appId;
  const started =
    typeof trigger !== 'string' && trigger.webhookUrl !== undefined
      ? await postWebhook(client, trigger, appId, data, o.timeoutMs)
      : String((await client.api('emulator.triggers.run', { trigger_id: t.id, data })).workflow_execution_id);
  const x = await untilEnded(client, appId, started, t.name, o.timeoutMs);
  return resultOf(client, appId, x);
}

async function postWebhook(client: EmulatorClient, trigger: Trigger, appId: string, data: Json, timeoutMs: number): Promise<string> {
  const tripsOf = async () =>
    ((await client.control(`triggers/trips?app_id=${appId}`)).trips as { trigger_id: string }[]).filter((x) => x.trigger_id === trigger.id).length;
  const before = new Set((await executions(client, appId)).map((x) => x.id));
  const tripsBefore = await tripsOf();
  const res = await fetch(trigger.webhookUrl as string, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) });
  const answer = (await res.json().catch(() => ({}))) as Json;
  if (!res.ok || answer.ok !== true) {
    const errors = Array.isArray(answer.errors) ? `: ${answer.errors.join('; ')}` : '';
    const gone = answer.error === 'trigger_not_found' ? ' (a trigger made after the last checkpoint is gone after reset())' : '';
    throw new RosiTestingError('fire_refused', `The webhook of "${trigger.name}" answered ${String(answer.error ?? `HTTP ${res.status}`)}${errors}${gone}`);
  }
  if ((await tripsOf()) === tripsBefore)
    throw new RosiTestingError('fire_filtered', `The webhook filter of "${trigger.name}" turned ${JSON.stringify(data)} away: no workflow started.`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const fresh = (await executions(client, appId)).find((x) => x.trigger_id === trigger.id && !before.has(x.id));
    if (fresh) return fresh.id;
    if (Date.now() > deadline)
      throw new RosiTestingError('fire_timeout', `The webhook call of "${trigger.name}" started no execution within ${timeoutMs} ms. ${LONGER}`);
    await sleep(POLL_MS);
  }
}

async function untilEnded(client: EmulatorClient, appId: string, id: string, name: string, timeoutMs: number): Promise<Execution> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const x = (await executions(client, appId)).find((e) => e.id === id);
    if (x && x.status !== 'running') return x;
    if (Date.now() > deadline) {
      const running = x?.steps.find((s) => s.status === 'running');
      const where = running ? `; step ${running.index} (${running.function_id}) is still running` : '';
      throw new RosiTestingError('fire_timeout', `"${name}" started execution ${id}, which did not end within ${timeoutMs} ms${where}. ${LONGER}`);
    }
    await sleep(POLL_MS);
  }
}

async function executions(client: EmulatorClient, appId: string): Promise<Execution[]> {
  return (await client.control(`executions?app_id=${appId}&limit=50`)).executions as Execution[];
}

async function resultOf(client: EmulatorClient, appId: string, x: Execution): Promise<FireResult> {
  const steps: Step[] = x.steps.map((s) => ({
    index: s.index,
    functionId: s.function_id,
    functionExecutionId: s.function_execution_id,
    status: s.status,
    inputs: s.inputs,
    ...(s.outputs === undefined ? {} : { outputs: s.outputs }),
    ...(s.error === undefined ? {} : { error: s.error }),
  }));
  const lastDone = [...steps].reverse().find((s) => s.status === 'completed');
  const failedStep = steps.find((s) => s.status !== 'completed' && s.error !== undefined);
  const [activity, messages] = await Promise.all([activityOf(client, appId, x.trace_id), messagesOfExecution(client, x.id)]);
  return {
    status: x.status === 'completed' ? 'completed' : 'failed',
    outputs: lastDone?.outputs ?? {},
    error: x.status === 'completed' ? undefined : (failedStep?.error ?? x.error ?? x.status),
    workflowExecutionId: x.id,
    traceId: x.trace_id,
    steps,
    activity,
    messages,
  };
}

async function activityOf(client: EmulatorClient, appId: string, traceId: string): Promise<Activity[]> {
  const answer = await client.api('apps.activities.list', { app_id: appId, trace_id: traceId, limit: 1000, sort_direction: 'asc' });
  return (answer.activities as Activity[] | undefined) ?? [];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
