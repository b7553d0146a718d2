import { HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { credential, readCredentials, writeCredentials } from '../../../test/helpers/credentials.js';
import { FakePrompter } from '../../../test/helpers/fake-prompter.js';
import { createTestContext, runCliInProcess, type TestHarness } from '../../../test/helpers/test-context.js';
import { server } from '../../../test/msw/server.js';
import { API, calls, slackError, slackMethod } from '../../../test/msw/slack.js';

let pre: TestHarness | undefined;
afterEach(() => pre?.cleanup());

const a = credential({ team_id: 'T0ALPHA001', team_domain: 'alpha', api_host: API, token: 'xoxe.xoxp-1-a', refresh_token: 'xoxe-1-ra', exp: 1_900_000_000 });
const b = credential({ team_id: 'T0BETA0001', team_domain: 'beta', api_host: API, token: 'xoxp-b' });

function homeWith(creds: Record<string, ReturnType<typeof credential>>): string {
  pre = createTestContext();
  writeCredentials(pre.home, creds);
  return pre.home;
}

describe('rosi logout', () => {
  it('with one login: revokes its token and refresh token on its host, then removes it', async () => {
    server.use(slackMethod('auth.revoke', () => ({ revoked: true })));
    const home = homeWith({ T0ALPHA001: a });
    const r = await runCliInProcess(['logout'], { home });
    expect(r.code).toBe(0);
    expect(calls('auth.revoke').map((c) => c.params.token)).toEqual(['xoxe.xoxp-1-a', 'xoxe-1-ra']);
    expect(readCredentials(home)).toEqual({});
    expect(r.stderr).toContain('Logged out of alpha (T0ALPHA001)');
  });

  it('--team picks one of several, by ID or domain', async () => {
    server.use(slackMethod('auth.revoke', () => ({ revoked: true })));
    const home = homeWith({ T0ALPHA001: a, T0BETA0001: b });
    const r = await runCliInProcess(['auth', 'logout', '--team', 'beta', '--json'], { home });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ logged_out: [{ team_id: 'T0BETA0001', team_domain: 'beta', api_host: API, revoked: true }] });
    expect(Object.keys(readCredentials(home))).toEqual(['T0ALPHA001']);
  });

  it('--all logs out of everything; tokens that are already dead are not an error', async () => {
    server.use(slackError('auth.revoke', 'token_expired'));
    const home = homeWith({ T0ALPHA001: a, T0BETA0001: b });
    const r = await runCliInProcess(['logout', '--all'], { home });
    expect(r.code).toBe(0);
    expect(readCredentials(home)).toEqual({});
  });

  it('asks which login on a terminal', async () => {
    server.use(slackMethod('auth.revoke', () => ({ revoked: true })));
    const home = homeWith({ T0ALPHA001: a, T0BETA0001: b });
    const r = await runCliInProcess(['logout'], { home, tty: true, prompter: new FakePrompter({ 'logout-team': ['alpha'] }) });
    expect(r.code).toBe(0);
    expect(Object.keys(readCredentials(home))).toEqual(['T0BETA0001']);
  });

  it.each([
    { name: 'several logins, no terminal, no --team', argv: ['logout'], msg: 'Pass --team (T0ALPHA001, T0BETA0001) or --all.' },
    { name: '--all with --team', argv: ['logout', '--all', '--team', 'alpha'], msg: '--all and --team cannot be used together' },
    { name: 'an unknown --team', argv: ['logout', '--team', 'gamma'], msg: 'No stored login matches --team gamma' },
  ])('usage: $name → exit 2, nothing changed', async ({ argv, msg }) => {
    const home = homeWith({ T0ALPHA001: a, T0BETA0001: b });
    const r = await runCliInProcess(argv, { home });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(msg);
    expect(Object.keys(readCredentials(home))).toHaveLength(2);
  });

  it('removes the login even when the server cannot revoke it, and says so (exit 1)', async () => {
    server.use(slackMethod('auth.revoke', () => HttpResponse.json({ ok: false, error: 'fatal_error' })));
    const home = homeWith({ T0BETA0001: b });
    const r = await runCliInProcess(['logout'], { home });
    expect(r.code).toBe(1);
    expect(readCredentials(home)).toEqual({});
    expect(r.stderr).toContain('revoking it on the server failed (fatal_error)');
    expect(r.stderr).toContain('(revoke_failed)');
  });

  it('with nothing stored: says so, exit 0', async () => {
    const r = await runCliInProcess(['logout']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('No stored logins to remove.');
  });
});

describe('rosi auth revoke', () => {
  it('revokes the token given by --token on --apihost, leaving stored logins alone', async () => {
    server.use(slackMethod('auth.revoke', () => ({ revoked: true })));
    const home = homeWith({ T0ALPHA001: a });
    const r = await runCliInProcess(['auth', 'revoke', '--token', 'xoxp-ci-1', '--apihost', API], { home });
    expect(r.code).toBe(0);
    expect(calls('auth.revoke')[0]!.params.token).toBe('xoxp-ci-1');
    expect(Object.keys(readCredentials(home))).toEqual(['T0ALPHA001']);
    expect(r.stderr).toContain('Token revoked');
  });

  it('asks for the token, hidden, on a terminal', async () => {
    server.use(slackMethod('auth.revoke', () => ({ revoked: true })));
    const r = await runCliInProcess(['auth', 'revoke', '--apihost', API], { tty: true, prompter: new FakePrompter({ token: ['xoxp-typed'] }) });
    expect(r.code).toBe(0);
    expect(calls('auth.revoke')[0]!.params.token).toBe('xoxp-typed');
  });

  it('without a token in a script → exit 2 naming --token', async () => {
    const r = await runCliInProcess(['auth', 'revoke']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Pass --token <token> or --token-file <path|->.');
  });

  it('an already revoked token is reported, not an error', async () => {
    server.use(slackError('auth.revoke', 'token_revoked'));
    const r = await runCliInProcess(['auth', 'revoke', '--token', 'xoxp-old', '--apihost', API, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ revoked: true, already_invalid: true, api_host: API });
  });
});

describe('rosi auth token', () => {
  const service = { is_ready: true, token: 'xoxp-service-1', team_id: 'T0ALPHA001', team_domain: 'alpha', user_id: 'U0001' };

  it('--no-prompt asks for a no_rotation ticket', async () => {
    server.use(slackMethod('apps.hosted.generateAuthTicket', () => ({ ticket: 'S1' })));
    const r = await runCliInProcess(['auth', 'token', '--no-prompt', '--apihost', API]);
    expect(r.code).toBe(0);
    expect(calls('apps.hosted.generateAuthTicket')[0]!.params).toEqual({ no_rotation: 'true', slack_cli_version: 'v4.5' });
    expect(r.stderr).toContain(`Then finish with: rosi auth token --apihost ${API} --ticket S1 --challenge <code>\n`);
  });

  it('prints the service token once on stdout and saves nothing', async () => {
    server.use(slackMethod('apps.hosted.exchangeAuthTicket', () => service));
    pre = createTestContext();
    const r = await runCliInProcess(['auth', 'token', '--ticket', 'S1', '--challenge', 'C', '--apihost', API], { home: pre.home });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('xoxp-service-1\n');
    expect(r.stderr).toContain('it does not expire');
    expect(r.stderr).not.toContain('xoxp-service');
    expect(() => readCredentials(pre!.home)).toThrow();
  });

  it('--json prints the token with its team', async () => {
    server.use(slackMethod('apps.hosted.exchangeAuthTicket', () => service));
    const r = await runCliInProcess(['auth', 'token', '--ticket', 'S1', '--challenge', 'C', '--apihost', API, '--json']);
    expect(JSON.parse(r.stdout)).toEqual({
      token: 'xoxp-service-1',
      team_id: 'T0ALPHA001',
      team_domain: 'alpha',
      user_id: 'U0001',
      api_host: API,
      expires_at: null,
    });
  });

  it('interactive: the slash command goes to stderr so stdout holds only the token', async () => {
    server.use(
      slackMethod('apps.hosted.generateAuthTicket', () => ({ ticket: 'S2' })),
      slackMethod('apps.hosted.exchangeAuthTicket', () => service),
    );
    const r = await runCliInProcess(['auth', 'token', '--apihost', API], { tty: true, prompter: new FakePrompter({ challenge: ['C'] }) });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('xoxp-service-1\n');
    expect(r.stderr).toContain('/slackauthticket S2');
  });
});
