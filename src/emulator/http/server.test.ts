import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { allowLoopback, rawRequest, startInProcess, useInProcessEmulator } from '../../../test/helpers/in-process-emulator.js';
import { ManualClock } from '../../../test/helpers/manual-clock.js';
import { MAX_API_BODY_BYTES } from './request.js';

/** A clock whose reading fails once told to: a stand-in for any unexpected exception in a handler. */
class ExplodingClock extends ManualClock {
  broken = false;
  override now(): Date {
    if (this.broken) throw new Error('clock exploded');
    return super.now();
  }
}

describe('emulator HTTP surface', () => {
  const emu = useInProcessEmulator();

  describe('accepts both encodings and both token placements', () => {
    const cases: { name: string; send: (url: string, token: string) => Promise<Response> }[] = [
      {
        name: 'form body, token field',
        send: (url, token) =>
          fetch(`${url}/api/auth.test`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${token}` }),
      },
      {
        name: 'form body, Bearer header',
        send: (url, token) =>
          fetch(`${url}/api/auth.test`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${token}` },
            body: 'x=1',
          }),
      },
      {
        name: 'JSON body, Bearer header',
        send: (url, token) =>
          fetch(`${url}/api/auth.test`, {
            method: 'POST',
            headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${token}` },
            body: '{}',
          }),
      },
      { name: 'GET, token in the query', send: (url, token) => fetch(`${url}/api/auth.test?token=${token}`) },
      { name: 'POST, token in the query', send: (url, token) => fetch(`${url}/api/auth.test?token=${token}`, { method: 'POST' }) },
    ];
    it.each(cases)('$name', async ({ send }) => {
      const { token } = await emu().login();
      const res = await send(emu().url, String(token));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await res.json()).toMatchObject({ ok: true, team_id: 'T0EMULATOR', user_id: 'U0EMULATOR' });
    });
  });

  it('ignores a token in a JSON body (not_authed), as Slack reads it only from the Authorization header there', async () => {
    const { token } = await emu().login();
    const res = await fetch(`${emu().url}/api/auth.test`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: false, error: 'not_authed' });
  });

  it('takes object parameters as JSON strings in forms and passes unknown parameters', async () => {
    const r = await emu().form('apps.hosted.generateAuthTicket', { slack_cli_version: 'v4.5', unknown_thing: '{"a":[1,2]}' });
    expect(r).toMatchObject({ ok: true });
  });

  it.each([
    { name: 'unknown method', path: '/api/chat.scheduleMessage', body: 'x=1', type: 'application/x-www-form-urlencoded', error: 'unknown_method' },
    { name: 'malformed JSON', path: '/api/auth.test', body: '{"token":', type: 'application/json', error: 'invalid_json' },
    { name: 'JSON that is not an object', path: '/api/auth.test', body: '[1,2]', type: 'application/json', error: 'invalid_json' },
    {
      name: 'broken percent-escape in a form',
      path: '/api/auth.test',
      body: 'token=%E0%A4%A',
      type: 'application/x-www-form-urlencoded',
      error: 'invalid_form_data',
    },
    { name: 'invalid UTF-8 in a form', path: '/api/auth.test', body: 'token=%C3%28', type: 'application/x-www-form-urlencoded', error: 'invalid_form_data' },
    { name: 'no token', path: '/api/auth.test', body: '', type: 'application/x-www-form-urlencoded', error: 'not_authed' },
    { name: 'unsupported content type', path: '/api/auth.test', body: '<token>x</token>', type: 'application/xml', error: 'invalid_post_type' },
    { name: 'unsupported content type, empty body', path: '/api/auth.test', body: '', type: 'application/octet-stream', error: 'invalid_post_type' },
    { name: 'unknown token', path: '/api/auth.test', body: 'token=xoxp-123-not-real', type: 'application/x-www-form-urlencoded', error: 'invalid_auth' },
  ])('$name → $error, HTTP 200', async ({ path, body, type, error }) => {
    const res = await fetch(`${emu().url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: false, error });
  });

  it('refuses a body over the limit, declared or streamed, and keeps serving', async () => {
    const big = Buffer.alloc(MAX_API_BODY_BYTES + 1, 'a');
    const declared = await fetch(`${emu().url}/api/auth.test`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: big });
    expect(await declared.json()).toEqual({ ok: false, error: 'request_too_large' });

    const chunk = Buffer.alloc(1024 * 1024, 'b');
    const streamed = await rawRequest(`${emu().url}/api/auth.test`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' },
      chunks: Array.from({ length: MAX_API_BODY_BYTES / chunk.length + 1 }, () => chunk),
    });
    expect(JSON.parse(streamed.text)).toEqual({ ok: false, error: 'request_too_large' });

    expect(await emu().form('apps.hosted.generateAuthTicket', { slack_cli_version: 'v4.5' })).toMatchObject({ ok: true });
  });

  it('accepts a body just under the limit', async () => {
    const body = `slack_cli_version=v4.5&pad=${'p'.repeat(MAX_API_BODY_BYTES - 40)}`;
    expect(await emu().form('apps.hosted.generateAuthTicket', Object.fromEntries(new URLSearchParams(body)))).toMatchObject({ ok: true });
  });

  it('answers other paths with a Slack-shaped 404', async () => {
    const res = await fetch(`${emu().url}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ ok: false, error: 'unknown_method' });
  });

  it('records calls for the control endpoint, filters by method, and resets', async () => {
    await emu().login();
    const all = await emu().control('calls');
    expect(all.body.count).toBe(2);
    const tests = await fetch(`${emu().url}/__emulator/calls?method=apps.hosted.exchangeAuthTicket`).then((r) => r.json());
    expect(tests).toEqual({ count: 1, calls: [{ method: 'apps.hosted.exchangeAuthTicket', at: '2026-11-28T12:00:00.000Z' }] });
    expect((await emu().control('reset-calls', {})).body).toEqual({ ok: true });
    expect((await emu().control('calls')).body).toEqual({ count: 0, calls: [] });
  });

  it('control approve refuses unknown tickets with a non-2xx status', async () => {
    const r = await emu().control('approve', { ticket: 'nope' });
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ ok: false, error: 'invalid_ticket' });
  });
});

describe('emulator without --control', () => {
  const emu = useInProcessEmulator({ control: false });

  it.each([
    ['POST', 'approve'],
    ['GET', 'calls'],
    ['POST', 'reset-calls'],
  ])('%s /__emulator/%s is not there', async (method, path) => {
    const res = await fetch(`${emu().url}/__emulator/${path}`, { method, ...(method === 'POST' ? { body: '{"ticket":"x"}' } : {}) });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ ok: false, error: 'unknown_method' });
  });
});

describe('emulator failures', () => {
  it('turns an unexpected exception into internal_error and reports it, without a stack trace', async () => {
    allowLoopback();
    const clock = new ExplodingClock();
    const emu = await startInProcess({ clock });
    try {
      clock.broken = true;
      const res = await fetch(`${emu.url}/api/apps.hosted.generateAuthTicket`, { method: 'POST', body: 'slack_cli_version=v4.5' });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ ok: false, error: 'internal_error' });
      expect(text).not.toContain('exploded');
      expect(emu.errors).toEqual([expect.stringContaining('clock exploded')]);
      clock.broken = false;
      expect(await emu.form('apps.hosted.generateAuthTicket', { slack_cli_version: 'v4.5' })).toMatchObject({ ok: true });
    } finally {
      await emu.running.close();
    }
  });

  it('shrugs off a client that hangs up mid-body', async () => {
    allowLoopback();
    const emu = await startInProcess();
    try {
      await new Promise<void>((resolve) => {
        const req = request(`${emu.url}/api/auth.test`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '1000' } });
        req.on('error', () => resolve());
        req.write('{"token":');
        setTimeout(() => req.destroy(), 50);
      });
      await new Promise((r) => setTimeout(r, 50));
      expect(emu.errors).toEqual([]);
      expect(await emu.form('apps.hosted.generateAuthTicket', { slack_cli_version: 'v4.5' })).toMatchObject({ ok: true });
    } finally {
      await emu.running.close();
    }
  });

  it('names the port when it is taken', async () => {
    allowLoopback();
    const first = await startInProcess();
    try {
      await expect(startInProcess({ port: first.running.port })).rejects.toMatchObject({
        code: 'port_in_use',
        message: expect.stringContaining(String(first.running.port)),
        hint: expect.stringContaining('--port 0'),
      });
    } finally {
      await first.running.close();
    }
  });
});
