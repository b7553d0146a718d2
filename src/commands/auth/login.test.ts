import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCredentials, writeCredentials, credential } from '../../../test/helpers/credentials.js';
import { FakePrompter } from '../../../test/helpers/fake-prompter.js';
import { ManualClock } from '../../../test/helpers/manual-clock.js';
import { runCliInProcess, type TestHarness } from '../../../test/helpers/test-context.js';
import { server } from '../../../test/msw/server.js';
import { API, calls, slackError, slackMethod } from '../../../test/msw/slack.js';

const EXP = Date.parse('2026-11-29T00:00:00Z') / 1000;
const granted = {
  is_ready: true,
  token: 'xoxe.xoxp-1-new',
  refresh_token: 'xoxe-1-refresh',
  exp: EXP,
  team_id: 'T0TEAM0001',
  team_domain: 'acme',
  team_name: 'Acme',
  user_id: 'U0USER0001',
};
const who = { url: 'https://acme.slack.com/', team: 'Acme', user: 'grace', team_id: 'T0TEAM0001', user_id: 'U0USER0001' };

let harness: TestHarness | undefined;
afterEach(() => harness?.cleanup());

async function login(argv: string[], o: Parameters<typeof runCliInProcess>[1] = {}) {
  const r = await runCliInProcess(['login', '--apihost', API, ...argv], o);
  harness = r.harness;
  return r;
}

describe('rosi login, interactive', () => {
  it('prints the slash command, re-asks after a wrong code, saves the login with mode 0600', async () => {
    let attempt = 0;
    server.use(
      slackMethod('apps.hosted.generateAuthTicket', () => ({ ticket: 'TICKET1' })),
      slackMethod('apps.hosted.exchangeAuthTicket', (p) => {
        attempt++;
        if (p.challenge !== 'GOOD') return Response.json({ ok: false, error: 'invalid_challenge' });
        return granted;
      }),
      slackMethod('auth.test', () => who),
    );
    const prompter = new FakePrompter({ challenge: ['WRONG', 'GOOD'] });
    const r = await login([], { tty: true, prompter });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('/slackauthticket TICKET1\n');
    expect(r.stderr).toContain('That challenge code is not right');
    expect(r.stderr).toContain('Logged in to Acme (T0TEAM0001) as grace (U0USER0001)');
    expect(r.stderr).toContain('API host https://slack.test');
    expect(attempt).toBe(2);
    const home = r.harness!.home;
    const saved = readCredentials(home).T0TEAM0001;
    expect(saved).toMatchObject({
      token: 'xoxe.xoxp-1-new',
      refresh_token: 'xoxe-1-refresh',
      exp: EXP,
      team_domain: 'acme',
      api_host: API,
      user_id: 'U0USER0001',
    });
    expect(statSync(join(home, '.slack', 'credentials.json')).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, '.slack')).mode & 0o777).toBe(0o700);
    // Ticket calls are form posts without a token; the exchange sends the full protocol version.
    expect(calls('apps.hosted.generateAuthTicket')[0]!.params).toEqual({ slack_cli_version: 'v4.5' });
    expect(calls('apps.hosted.exchangeAuthTicket')[1]!.rawBody).toBe('challenge=GOOD&slack_cli_version=v4.5.0&ticket=TICKET1');
    expect(calls('auth.test')[0]!.params.token).toBe('xoxe.xoxp-1-new');
    expect(r.stderr + r.stdout).not.toMatch(/xox[a-z]-1-(new|refresh)/);
  });

  it('waits for approval when Slack says is_ready:false', async () => {
    server.use(
      slackMethod('apps.hosted.generateAuthTicket', () => ({ ticket: 'T2' })),
      slackMethod(
        'apps.hosted.exchangeAuthTicket',
        (() => {
          let n = 0;
          return () => (n++ ? granted : { is_ready: false });
        })(),
      ),
      slackMethod('auth.test', () => who),
    );
    const r = await login([], { tty: true, prompter: new FakePrompter({ challenge: ['C1', 'C1'] }) });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('The ticket is not approved yet');
  });

  it('says clearly when the five-minute ticket has expired', async () => {
    const clock = new ManualClock();
    server.use(
      slackMethod('apps.hosted.generateAuthTicket', () => ({ ticket: 'T3' })),
      slackError('apps.hosted.exchangeAuthTicket', 'invalid_ticket'),
    );
    const late = () => {
      clock.advance(6 * 60_000);
      return 'CODE';
    };
    const r = await login([], { tty: true, clock, prompter: new FakePrompter({ challenge: [late] }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The auth ticket has expired or was already used (tickets last five minutes) (ticket_expired)');
    expect(r.stderr).toContain(`Hint: Run \`rosi login --apihost ${API}\` again for a new ticket.`);
  });
});

describe('rosi login, split flow and flags', () => {
  it.each([
    { name: '--no-prompt prints the slash command on stdout', argv: ['--no-prompt'], json: false },
    { name: '--no-prompt --json prints ticket, command and expiry', argv: ['--no-prompt', '--json'], json: true },
    { name: 'CI implies --no-prompt', argv: [], json: false, env: { CI: '1' } },
  ])('$name', async ({ argv, json, env }) => {
    server.use(slackMethod('apps.hosted.generateAuthTicket', () => ({ ticket: 'SPLIT1' })));
    const r = await login(argv, env ? { env } : {});
    expect(r.code).toBe(0);
    if (json) {
      expect(JSON.parse(r.stdout)).toEqual({
        ticket: 'SPLIT1',
        slash_command: '/slackauthticket SPLIT1',
        expires_at: '2026-11-28T12:05:00.000Z',
        api_host: API,
      });
    } else {
      expect(r.stdout).toBe('/slackauthticket SPLIT1\n');
    }
    expect(r.stderr).toContain(`Then finish with: rosi login --apihost ${API} --ticket SPLIT1 --challenge <code>\n`);
  });

  it('--open against Slack opens nothing, and says why: the command runs in Slack', async () => {
    server.use(slackMethod('apps.hosted.generateAuthTicket', () => ({ ticket: 'SPLIT1' })));
    const r = await login(['--no-prompt', '--open']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('/slackauthticket SPLIT1\n');
    expect(r.stderr).toContain('Nothing to open (--open): on Slack the command runs in any channel or DM');
  });

  it('finishes with --ticket and --challenge', async () => {
    server.use(
      slackMethod('apps.hosted.exchangeAuthTicket', () => granted),
      slackMethod('auth.test', () => who),
    );
    const r = await login(['--ticket', 'SPLIT1', '--challenge', 'C0DE', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      team_id: 'T0TEAM0001',
      api_host: API,
      rotatable: true,
      expires_at: '2026-11-29T00:00:00.000Z',
      replaced: false,
    });
    expect(r.stdout).not.toContain('xox');
  });

  it.each([
    { name: '--ticket without --challenge', argv: ['--ticket', 'X'], msg: '--ticket needs --challenge' },
    { name: '--challenge without --ticket', argv: ['--challenge', 'X'], msg: '--challenge needs --ticket' },
    { name: 'no terminal and no --no-prompt', argv: [], msg: 'pass --token' },
    { name: 'plain http to a remote host', argv: ['--apihost', 'http://slack.example.com'], msg: 'plain http:// for a non-loopback host' },
    { name: '--token with --ticket', argv: ['--token', 'xoxp-1', '--ticket', 'X', '--challenge', 'Y'], msg: '--token cannot be combined' },
  ])('usage error: $name → exit 2', async ({ argv, msg }) => {
    const r = await login(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(msg);
    expect(calls()).toHaveLength(0);
  });

  it('is_ready:false with --ticket/--challenge is an error, never a silent success', async () => {
    server.use(slackMethod('apps.hosted.exchangeAuthTicket', () => ({ is_ready: false })));
    const r = await login(['--ticket', 'A', '--challenge', 'B']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The ticket has not been approved yet (ticket_not_ready)');
  });

  it('--token verifies with auth.test and reports what it saved', async () => {
    server.use(slackMethod('auth.test', () => who));
    const r = await login(['--token', 'xoxp-123-456'], {});
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Logged in to Acme (T0TEAM0001) as grace (U0USER0001)');
    expect(r.stderr).toContain('expires never');
    const saved = readCredentials(r.harness!.home).T0TEAM0001!;
    expect(saved.token).toBe('xoxp-123-456');
    expect(saved.refresh_token).toBeUndefined();
    expect(r.stderr).not.toContain('xoxp-123');
  });

  it('--token replacing a rotating login warns and keeps unknown fields', async () => {
    server.use(slackMethod('auth.test', () => who));
    const { createTestContext } = await import('../../../test/helpers/test-context.js');
    const pre = createTestContext();
    writeCredentials(pre.home, {
      T0TEAM0001: { ...credential({ team_id: 'T0TEAM0001', refresh_token: 'xoxe-1-r', exp: EXP, api_host: API }), future_field: 'kept' },
    });
    const r = await login(['--token', 'xoxp-9-9'], { home: pre.home });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('replaces a refreshable login');
    expect(readCredentials(pre.home).T0TEAM0001).toMatchObject({ token: 'xoxp-9-9', future_field: 'kept' });
  });
});
