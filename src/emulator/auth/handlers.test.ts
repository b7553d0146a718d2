import { describe, expect, it } from 'vitest';
import { methods, type MethodName } from '../../api/methods.js';
import { useInProcessEmulator, type Json } from '../../../test/helpers/in-process-emulator.js';

const HOUR = 3_600_000;
const START = Date.parse('2026-11-28T12:00:00Z') / 1000;

/** Every ok answer must satisfy the schema rosi itself parses it with. */
function conforms(method: MethodName, body: Json): Json {
  expect(body.ok).toBe(true);
  const parsed = methods[method].response.safeParse(body);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  return body;
}

describe('apps.hosted.generateAuthTicket', () => {
  const emu = useInProcessEmulator();

  it('answers only Slack fields: ok and ticket', async () => {
    const r = conforms('apps.hosted.generateAuthTicket', await emu().form('apps.hosted.generateAuthTicket', { slack_cli_version: 'v4.5' }));
    expect(Object.keys(r).sort()).toEqual(['ok', 'ticket']);
    expect(r.ticket).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  it.each([
    { name: 'missing', params: {} },
    { name: 'empty', params: { slack_cli_version: '' } },
    { name: 'garbled', params: { slack_cli_version: 'four point five' } },
  ])('slack_cli_version $name → invalid_parameters', async ({ params }) => {
    expect(await emu().form('apps.hosted.generateAuthTicket', params)).toEqual({ ok: false, error: 'invalid_parameters' });
  });

  it.each(['v4.5', 'v4.5.0', 'v0.0.0-dev', '4.5'])('accepts version %s', async (v) => {
    expect(await emu().form('apps.hosted.generateAuthTicket', { slack_cli_version: v })).toMatchObject({ ok: true });
  });
});

describe('apps.hosted.exchangeAuthTicket', () => {
  const emu = useInProcessEmulator();
  const ticket = async () => String((await emu().form('apps.hosted.generateAuthTicket', { slack_cli_version: 'v4.5' })).ticket);
  const exchange = (t: string, challenge: string) => emu().form('apps.hosted.exchangeAuthTicket', { challenge, slack_cli_version: 'v4.5.0', ticket: t });
  const approve = async (t: string) => String((await emu().control('approve', { ticket: t })).body.challenge);

  it('is not ready before approval', async () => {
    const t = await ticket();
    expect(conforms('apps.hosted.exchangeAuthTicket', await exchange(t, 'ANYTHING'))).toEqual({ ok: true, is_ready: false });
  });

  it('refuses a wrong challenge, keeps the ticket, then succeeds with the right one', async () => {
    const t = await ticket();
    const challenge = await approve(t);
    expect(challenge).toMatch(/^[A-Z2-9]{8}$/);
    expect(await exchange(t, 'WRONG123')).toEqual({ ok: false, error: 'invalid_challenge' });
    const r = conforms('apps.hosted.exchangeAuthTicket', await exchange(t, challenge));
    expect(r).toEqual({
      ok: true,
      is_ready: true,
      token: expect.stringMatching(/^xoxe\.xoxp-1-[A-Za-z0-9]+$/),
      refresh_token: expect.stringMatching(/^xoxe-1-[A-Za-z0-9]+$/),
      exp: START + 12 * 3600,
      team_id: 'T0EMULATOR',
      team_domain: 'emulator',
      team_name: 'Emulator Workspace',
      user_id: 'U0EMULATOR',
      is_enterprise_install: false,
    });
  });

  it('accepts the challenge as a person types it: lower case, spaces around', async () => {
    const t = await ticket();
    const challenge = await approve(t);
    expect(await exchange(t, ` ${challenge.toLowerCase()} `)).toMatchObject({ ok: true, is_ready: true });
  });

  it('is single use', async () => {
    const t = await ticket();
    const challenge = await approve(t);
    expect(await exchange(t, challenge)).toMatchObject({ ok: true, is_ready: true });
    expect(await exchange(t, challenge)).toEqual({ ok: false, error: 'invalid_ticket' });
  });

  it('expires after the ticket TTL, approved or not', async () => {
    const pending = await ticket();
    const approved = await ticket();
    const challenge = await approve(approved);
    emu().clock.advance(5 * 60_000);
    expect(await exchange(pending, 'X')).toEqual({ ok: false, error: 'invalid_ticket' });
    expect(await exchange(approved, challenge)).toEqual({ ok: false, error: 'invalid_ticket' });
    expect((await emu().control('approve', { ticket: pending })).status).toBe(409);
  });

  it('is still good just before the TTL', async () => {
    const t = await ticket();
    const challenge = await approve(t);
    emu().clock.advance(5 * 60_000 - 1);
    expect(await exchange(t, challenge)).toMatchObject({ ok: true, is_ready: true });
  });

  it.each([
    { name: 'unknown ticket', params: { challenge: 'X', slack_cli_version: 'v4.5.0', ticket: 'nope' }, error: 'invalid_ticket' },
    { name: 'no ticket', params: { challenge: 'X', slack_cli_version: 'v4.5.0' }, error: 'invalid_ticket' },
    { name: 'garbled version', params: { challenge: 'X', slack_cli_version: 'latest', ticket: 'nope' }, error: 'invalid_parameters' },
  ])('$name → $error', async ({ params, error }) => {
    expect(await emu().form('apps.hosted.exchangeAuthTicket', params)).toEqual({ ok: false, error });
  });

  it('asks for the challenge on an approved ticket when none is sent', async () => {
    const t = await ticket();
    await approve(t);
    expect(await exchange(t, '')).toEqual({ ok: false, error: 'missing_challenge' });
  });

  it('approving twice shows the same challenge', async () => {
    const t = await ticket();
    expect(await approve(t)).toBe(await approve(t));
  });

  it('no_rotation gives a long-lived xoxp token without exp or refresh token', async () => {
    const r = conforms('apps.hosted.exchangeAuthTicket', await emu().login({ noRotation: true }));
    expect(r.token).toMatch(/^xoxp-[A-Za-z0-9]+$/);
    expect(r).not.toHaveProperty('exp');
    expect(r).not.toHaveProperty('refresh_token');
    emu().clock.advance(365 * 24 * HOUR);
    expect(await emu().form('auth.test', { token: String(r.token) })).toMatchObject({ ok: true });
  });
});

describe('tooling.tokens.rotate', () => {
  const emu = useInProcessEmulator();

  it('gives a new token and a new refresh token; the old refresh token is then dead', async () => {
    const first = await emu().login();
    emu().clock.advance(HOUR);
    const r = conforms('tooling.tokens.rotate', await emu().form('tooling.tokens.rotate', { refresh_token: String(first.refresh_token) }));
    expect(r).toEqual({
      ok: true,
      token: expect.stringMatching(/^xoxe\.xoxp-1-/),
      refresh_token: expect.stringMatching(/^xoxe-1-/),
      exp: START + 3600 + 12 * 3600,
      iat: START + 3600,
      team_id: 'T0EMULATOR',
      user_id: 'U0EMULATOR',
    });
    expect(r.token).not.toBe(first.token);
    expect(r.refresh_token).not.toBe(first.refresh_token);
    expect(await emu().form('tooling.tokens.rotate', { refresh_token: String(first.refresh_token) })).toEqual({ ok: false, error: 'invalid_refresh_token' });
    expect(await emu().form('tooling.tokens.rotate', { refresh_token: String(r.refresh_token) })).toMatchObject({ ok: true });
  });

  it('leaves the old access token valid until its own exp', async () => {
    const first = await emu().login();
    await emu().form('tooling.tokens.rotate', { refresh_token: String(first.refresh_token) });
    expect(await emu().form('auth.test', { token: String(first.token) })).toMatchObject({ ok: true });
    emu().clock.advance(12 * HOUR);
    expect(await emu().form('auth.test', { token: String(first.token) })).toEqual({ ok: false, error: 'token_expired' });
  });

  it.each([
    { name: 'unknown', params: { refresh_token: 'xoxe-1-nope' } },
    { name: 'missing', params: {} },
  ])('$name refresh token → invalid_refresh_token', async ({ params }) => {
    expect(await emu().form('tooling.tokens.rotate', params)).toEqual({ ok: false, error: 'invalid_refresh_token' });
  });
});

describe('auth.test', () => {
  const emu = useInProcessEmulator({ tokenTtlMs: 30_000 });

  it('describes the team and user', async () => {
    const { token } = await emu().login();
    const r = conforms('auth.test', await emu().form('auth.test', { token: String(token) }));
    expect(r).toEqual({
      ok: true,
      url: 'https://emulator.slack.com/',
      team: 'Emulator Workspace',
      user: 'developer',
      team_id: 'T0EMULATOR',
      user_id: 'U0EMULATOR',
      is_enterprise_install: false,
    });
  });

  it('answers token_expired once the token TTL has passed', async () => {
    const { token, exp } = await emu().login();
    expect(exp).toBe(START + 30);
    emu().clock.advance(29_999);
    expect(await emu().form('auth.test', { token: String(token) })).toMatchObject({ ok: true });
    emu().clock.advance(1);
    expect(await emu().form('auth.test', { token: String(token) })).toEqual({ ok: false, error: 'token_expired' });
  });
});

describe('auth.revoke', () => {
  const emu = useInProcessEmulator();

  it('revokes an access token; it answers token_revoked afterwards', async () => {
    const { token } = await emu().login();
    expect(conforms('auth.revoke', await emu().form('auth.revoke', { token: String(token) }))).toEqual({ ok: true, revoked: true });
    expect(await emu().form('auth.test', { token: String(token) })).toEqual({ ok: false, error: 'token_revoked' });
    expect(await emu().form('auth.revoke', { token: String(token) })).toEqual({ ok: false, error: 'token_revoked' });
  });

  it('test=true reports without revoking', async () => {
    const { token } = await emu().login();
    expect(await emu().form('auth.revoke', { token: String(token), test: 'true' })).toEqual({ ok: true, revoked: false });
    expect(await emu().json('auth.revoke', { test: true }, String(token))).toEqual({ ok: true, revoked: false });
    expect(await emu().form('auth.test', { token: String(token) })).toMatchObject({ ok: true });
  });

  it('revokes a refresh token, which can then not rotate', async () => {
    const { refresh_token } = await emu().login();
    expect(await emu().form('auth.revoke', { token: String(refresh_token) })).toEqual({ ok: true, revoked: true });
    expect(await emu().form('tooling.tokens.rotate', { refresh_token: String(refresh_token) })).toEqual({ ok: false, error: 'invalid_refresh_token' });
    expect(await emu().form('auth.revoke', { token: String(refresh_token) })).toEqual({ ok: false, error: 'token_revoked' });
  });

  it.each([
    { name: 'no token', params: {}, error: 'not_authed' },
    { name: 'unknown token', params: { token: 'xoxp-nope' }, error: 'invalid_auth' },
  ])('$name → $error', async ({ params, error }) => {
    expect(await emu().form('auth.revoke', params)).toEqual({ ok: false, error });
  });
});
