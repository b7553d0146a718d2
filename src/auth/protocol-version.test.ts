import { describe, expect, it } from 'vitest';
import { testApi } from '../../test/msw/api.js';
import { calls, slackMethod } from '../../test/msw/slack.js';
import { server } from '../../test/msw/server.js';
import { exchangeTicket, requestTicket } from './login.js';
import { cliVersion, SLACK_CLI_PROTOCOL } from './protocol-version.js';

describe('cliVersion', () => {
  it.each([
    { name: 'default: the protocol rosi speaks', env: {}, full: SLACK_CLI_PROTOCOL, majorMinor: 'v4.5' },
    { name: 'override without a v', env: { ROSI_SLACK_CLI_VERSION: '4.6.1' }, full: 'v4.6.1', majorMinor: 'v4.6' },
    { name: 'override with a v and spaces', env: { ROSI_SLACK_CLI_VERSION: ' v5.0.2 ' }, full: 'v5.0.2', majorMinor: 'v5.0' },
    { name: 'blank override is ignored', env: { ROSI_SLACK_CLI_VERSION: '  ' }, full: 'v4.5.0', majorMinor: 'v4.5' },
    { name: 'major only', env: { ROSI_SLACK_CLI_VERSION: 'v7' }, full: 'v7', majorMinor: 'v7.0' },
  ])('$name', ({ env, full, majorMinor }) => {
    expect(cliVersion(env)).toEqual({ full, majorMinor });
  });
});

describe('slack_cli_version on the wire (contract §2.1)', () => {
  const NOW = new Date('2026-11-28T12:00:00Z');

  it.each([
    { name: 'default', env: {}, service: false, want: 'slack_cli_version=v4.5' },
    { name: 'service token adds no_rotation', env: {}, service: true, want: 'no_rotation=true&slack_cli_version=v4.5' },
    { name: 'ROSI_SLACK_CLI_VERSION override', env: { ROSI_SLACK_CLI_VERSION: '4.7.3' }, service: false, want: 'slack_cli_version=v4.7' },
  ])('generateAuthTicket, $name: major.minor only', async ({ env, service, want }) => {
    server.use(slackMethod('apps.hosted.generateAuthTicket', () => ({ ticket: 'valid-ticket' })));
    await requestTicket(testApi().api, env, NOW, service);
    expect(calls('apps.hosted.generateAuthTicket')[0]?.rawBody).toBe(want);
  });

  it.each([
    { name: 'default', env: {}, want: 'challenge=c0ffee&slack_cli_version=v4.5.0&ticket=valid-ticket' },
    {
      name: 'ROSI_SLACK_CLI_VERSION override',
      env: { ROSI_SLACK_CLI_VERSION: '4.7.3' },
      want: 'challenge=c0ffee&slack_cli_version=v4.7.3&ticket=valid-ticket',
    },
  ])('exchangeAuthTicket, $name: the full version', async ({ env, want }) => {
    server.use(slackMethod('apps.hosted.exchangeAuthTicket', () => ({ is_ready: true, token: 'xoxe.xoxp-1-fixture' })));
    await exchangeTicket(testApi().api, env, 'valid-ticket', 'c0ffee');
    const [c] = calls('apps.hosted.exchangeAuthTicket');
    expect(c?.rawBody).toBe(want);
    expect(c?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(c?.headers.authorization).toBeUndefined();
  });
});
