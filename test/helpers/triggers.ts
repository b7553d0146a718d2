// Shared by the triggers service's tests: an app with workflows, and calls in both encodings.
import { expect } from 'vitest';
import { createApp, hostedManifest } from './hosting.js';
import type { InProcessEmulator, Json } from './in-process-emulator.js';
import { methods, type MethodName } from '../../src/api/methods.js';

/** A hosted app with three workflows: one with a required channel and an optional note, one needing interactivity, one with no inputs. */
export const triggersManifest = () =>
  hostedManifest({
    workflows: {
      greet: {
        title: 'Greet',
        description: 'Says hello',
        input_parameters: {
          properties: { channel: { type: 'slack#/types/channel_id', title: 'Channel' }, note: { type: 'string' } },
          required: ['channel'],
        },
        steps: [],
      },
      approve: {
        title: 'Approve',
        input_parameters: { properties: { interactivity: { type: 'slack#/types/interactivity' } }, required: ['interactivity'] },
        steps: [],
      },
      tick: { title: 'Tick', steps: [] },
    },
  });

export const webhookDef = (extra: Json = {}): Json => ({
  type: 'webhook',
  name: 'From CI',
  description: 'Runs on deploys',
  workflow: '#/workflows/greet',
  inputs: { channel: { value: '{{data.channel}}' }, note: { value: 'deploy {{data.version}}' } },
  ...extra,
});

/** A form body as the Deno SDK's SlackAPI sends one: Bearer token, nested values as JSON strings, strings as they are. */
export async function sdkForm(emu: InProcessEmulator, method: string, params: Json, token: string): Promise<Json> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) body.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  const res = await fetch(`${emu.url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${token}` },
    body: body.toString(),
  });
  return (await res.json()) as Json;
}

/** An app with workflows, and a JSON caller that checks every ok answer against rosi's response schema. */
export async function triggersApp(emu: InProcessEmulator) {
  const { token, appId } = await createApp(emu, triggersManifest());
  const call = async (method: MethodName, body: Json = {}, as = token) => {
    const r = await emu.json(method, body, as);
    if (r.ok === true) expect(methods[method].response.safeParse(r).success, `${method} answer fits its schema`).toBe(true);
    return r;
  };
  const create = async (def: Json = webhookDef(), as = token) => call('workflows.triggers.create', { ...def, workflow_app_id: appId }, as);
  const created = async (def?: Json) => {
    const r = await create(def);
    if (r.ok !== true) throw new Error(`create failed: ${JSON.stringify(r)}`);
    return r.trigger as Json & { id: string };
  };
  return { token, appId, call, create, created };
}
