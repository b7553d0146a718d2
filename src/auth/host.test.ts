import { describe, expect, it } from 'vitest';
import { credential } from '../../test/helpers/credentials.js';
import { clientHost, hostRequested, isEmulatorHost, loginHost, requestedHost, storedHost } from './host.js';

describe('which host a command talks to', () => {
  it.each([
    { name: 'nothing asked: Slack', flag: undefined, env: {}, requested: undefined, login: 'https://slack.com' },
    {
      name: '--apihost beats ROSI_APIHOST',
      flag: '127.0.0.1:5810',
      env: { ROSI_APIHOST: 'https://other.test' },
      requested: 'http://127.0.0.1:5810',
      login: 'http://127.0.0.1:5810',
    },
    { name: 'ROSI_APIHOST alone', flag: undefined, env: { ROSI_APIHOST: 'dev.slack.com' }, requested: 'https://dev.slack.com', login: 'https://dev.slack.com' },
  ])('$name', ({ flag, env, requested, login }) => {
    expect(requestedHost(flag, env)).toBe(requested);
    expect(loginHost(flag, env)).toBe(login);
    expect(hostRequested(flag, env)).toBe(requested !== undefined);
  });

  it.each([
    { flag: 'http://slack.example.com', env: {}, message: '--apihost uses plain http:// for a non-loopback host (slack.example.com)' },
    {
      flag: undefined,
      env: { ROSI_APIHOST: 'http://slack.example.com' },
      message: 'ROSI_APIHOST uses plain http:// for a non-loopback host (slack.example.com)',
    },
  ])('a requested host over plain http to a remote host is refused, naming where it came from', ({ flag, env, message }) => {
    expect(() => loginHost(flag, env)).toThrow(expect.objectContaining({ code: 'insecure_apihost', message, exitCode: 2 }));
  });

  it('a stored login over plain http to a remote host is refused, naming the file and the way out', () => {
    const c = credential({ team_id: 'T0TEAM0001', team_domain: 'acme', api_host: 'http://slack.example.com' });
    expect(() => storedHost(c, '/h/.slack/credentials.json')).toThrow(
      expect.objectContaining({
        code: 'insecure_apihost',
        message:
          'The API host of the stored login for acme (T0TEAM0001) uses plain http:// for a non-loopback host (slack.example.com), in /h/.slack/credentials.json',
        hint: 'rosi sent it nothing. Correct api_host in /h/.slack/credentials.json, or remove the login with `rosi logout --team T0TEAM0001`.',
      }),
    );
    expect(storedHost(credential({ team_id: 'T0EMU00001', api_host: 'http://127.0.0.1:5810/' }), 'f')).toBe('http://127.0.0.1:5810');
  });

  it('a client is built only for a host that passes the check', () => {
    expect(clientHost('https://slack.com/')).toBe('https://slack.com');
    expect(() => clientHost('http://slack.example.com')).toThrow(
      expect.objectContaining({ message: 'The API host uses plain http:// for a non-loopback host (slack.example.com)' }),
    );
  });

  it('a loopback host is the emulator', () => {
    expect(isEmulatorHost('http://127.0.0.1:5810')).toBe(true);
    expect(isEmulatorHost('https://slack.com')).toBe(false);
  });
});
