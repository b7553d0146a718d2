import { describe, expect, it } from 'vitest';
import { rawRequest, startInProcess, useInProcessEmulator, type InProcessEmulator } from '../../../test/helpers/in-process-emulator.js';
import { triggersApp, webhookDef } from '../../../test/helpers/triggers.js';

async function webhook(emu: InProcessEmulator, def = webhookDef()) {
  const a = await triggersApp(emu);
  const t = (await a.created(def)) as { id: string; webhook_url: string };
  const post = async (body: unknown, url = t.webhook_url, headers: Record<string, string> = { 'content-type': 'application/json' }) => {
    const res = await fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const trips = async (status?: string) =>
    (await emu.control(`triggers/trips?app_id=${a.appId}${status ? `&status=${status}` : ''}`)).body.trips as Record<string, unknown>[];
  return { ...a, trigger: t, post, trips };
}

const withSecret = (url: string, secret: string) => url.replace(/[^/]+$/, secret);

describe('POST <webhook_url> (runtime contract §6.2 item 1)', () => {
  const emu = useInProcessEmulator({ maxWebhookBytes: 1024 });

  it('a JSON body the trigger can use: 200 {"ok":true}, and a pending trip recorded with the body', async () => {
    const w = await webhook(emu());
    expect(await w.post({ channel: 'C0DEPLOYS', version: '1.2.3' })).toEqual({ status: 200, body: { ok: true } });
    expect(await w.trips()).toEqual([
      {
        id: expect.any(Number),
        trigger_id: w.trigger.id,
        team_id: emu().running.team.id,
        status: 'pending',
        data: { channel: 'C0DEPLOYS', version: '1.2.3' },
        tripped_at: '2026-11-28T12:00:00.000Z',
      },
    ]);
  });

  it('a wrong secret answers exactly as an unknown trigger: 404 trigger_not_found, nothing recorded', async () => {
    const w = await webhook(emu());
    const wrong = await w.post({ channel: 'C1' }, withSecret(w.trigger.webhook_url, '0'.repeat(32)));
    const unknown = await w.post({ channel: 'C1' }, w.trigger.webhook_url.replace(w.trigger.id, 'Ft0NOSUCHONE'));
    const otherTeam = await w.post({ channel: 'C1' }, w.trigger.webhook_url.replace(/\/triggers\/[^/]+\//, '/triggers/T0OTHERTEAM/'));
    expect(wrong).toEqual({ status: 404, body: { ok: false, error: 'trigger_not_found' } });
    expect(unknown).toEqual(wrong);
    expect(otherTeam).toEqual(wrong);
    expect(await w.trips()).toEqual([]);
  });

  it('a deleted trigger is not found', async () => {
    const w = await webhook(emu());
    await w.call('workflows.triggers.delete', { trigger_id: w.trigger.id });
    expect((await w.post({ channel: 'C1' })).status).toBe(404);
  });

  it.each([
    { name: 'not JSON', body: 'channel=C1' },
    { name: 'a JSON array', body: '[1]' },
    { name: 'empty', body: '' },
  ])('a body that is $name: 400 invalid_json', async ({ body }) => {
    const w = await webhook(emu());
    expect(await w.post(body)).toEqual({ status: 400, body: { ok: false, error: 'invalid_json' } });
    expect(await w.trips()).toEqual([]);
  });

  it('a body over the limit (in bytes): 413 request_too_large', async () => {
    const w = await webhook(emu());
    const big = { channel: 'C1', pad: 'é'.repeat(600) };
    expect(await w.post(big)).toEqual({ status: 413, body: { ok: false, error: 'request_too_large' } });
    expect(await w.trips()).toEqual([]);
  });

  it('a body the filter turns away: 200 {"ok":true}, and nothing recorded', async () => {
    const w = await webhook(emu(), webhookDef({ webhook: { filter: { version: 1, root: { statement: '{{data.kind}} == deploy' } } } }));
    expect(await w.post({ channel: 'C1', kind: 'build' })).toEqual({ status: 200, body: { ok: true } });
    expect(await w.trips()).toEqual([]);
    expect(await w.post({ channel: 'C1', kind: 'deploy' })).toEqual({ status: 200, body: { ok: true } });
    expect(await w.trips()).toHaveLength(1);
  });

  it('a required input the body cannot fill: 400, a failed trip and a trigger_executed error in the activity log', async () => {
    const w = await webhook(emu());
    const r = await w.post({ version: '1.2.3' });
    expect(r).toEqual({ status: 400, body: { ok: false, error: 'parameter_validation_failed', errors: ['Null value for non-nullable parameter `channel`'] } });
    expect(await w.trips('pending')).toEqual([]);
    expect(await w.trips('failed')).toMatchObject([{ status: 'failed', reason: 'parameter_validation_failed', data: { version: '1.2.3' } }]);
    const log = await w.call('apps.activities.list', { app_id: w.appId, log_event_type: 'trigger_executed' });
    expect(log).toMatchObject({
      ok: true,
      activities: [
        {
          level: 'error',
          event_type: 'trigger_executed',
          component_type: 'workflows',
          component_id: (w.trigger as unknown as { workflow: { workflow_id: string } }).workflow.workflow_id,
          payload: {
            trigger: { id: w.trigger.id, type: 'webhook', config: { name: 'From CI', description: 'Runs on deploys' }, trip_information: null },
            function_name: 'Greet',
            reason: 'parameter_validation_failed',
            errors: '["Null value for non-nullable parameter `channel`"]',
          },
        },
      ],
    });
  });

  it('an optional input may go unfilled', async () => {
    const w = await webhook(emu());
    expect(await w.post({ channel: 'C1' })).toEqual({ status: 200, body: { ok: true } });
  });

  it('only POST: 405 with Allow', async () => {
    const w = await webhook(emu());
    const res = await fetch(w.trigger.webhook_url);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('the same Host check as the API', async () => {
    const w = await webhook(emu());
    const r = await rawRequest(w.trigger.webhook_url, { headers: { host: 'evil.example', 'content-type': 'application/json' }, chunks: ['{"channel":"C1"}'] });
    expect(r.status).toBe(403);
    expect(await w.trips()).toEqual([]);
  });

  it('the request log never shows the secret', async () => {
    const logged: string[] = [];
    const own = await startInProcess({ onRequest: (e) => logged.push(`${e.path} ${e.status}`) });
    try {
      const w = await webhook(own);
      const secret = w.trigger.webhook_url.split('/').pop() as string;
      await w.post({ channel: 'C1' });
      await w.post({ channel: 'C1' }, withSecret(w.trigger.webhook_url, 'f'.repeat(32)));
      expect(logged).toContain(`/triggers/${own.running.team.id}/${w.trigger.id}/… 200`);
      expect(logged.join('\n')).not.toContain(secret);
      expect(logged.join('\n')).not.toContain('f'.repeat(32));
    } finally {
      await own.running.close();
    }
  });
});
