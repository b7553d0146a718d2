import { describe, expect, it } from 'vitest';
import { rosiCommand } from './follow-up.js';

describe('rosiCommand', () => {
  it.each([
    { name: 'the default host is left out', verb: 'login', scope: { apiHost: 'https://slack.com' }, want: 'rosi login' },
    { name: 'another host is named', verb: 'login', scope: { apiHost: 'http://127.0.0.1:5810' }, want: 'rosi login --apihost http://127.0.0.1:5810' },
    {
      name: 'an IPv6 host is quoted (zsh would read [::1] as a glob)',
      verb: 'login',
      scope: { apiHost: 'http://[::1]:5810' },
      want: "rosi login --apihost 'http://[::1]:5810'",
    },
    { name: 'a folder with a space is quoted', verb: 'auth list', scope: { configDir: '/tmp/my creds' }, want: "rosi auth list --config-dir '/tmp/my creds'" },
    {
      name: 'a quote inside a folder name survives',
      verb: 'auth list',
      scope: { configDir: "/tmp/it's" },
      want: "rosi auth list --config-dir '/tmp/it'\\''s'",
    },
    {
      name: 'team, then folder, then the tail',
      verb: 'logout',
      scope: { apiHost: 'http://localhost:5810', team: 'T0EMULATOR', configDir: '/c' },
      tail: '--all',
      want: 'rosi logout --apihost http://localhost:5810 --team T0EMULATOR --config-dir /c --all',
    },
  ])('$name', ({ verb, scope, tail, want }) => {
    expect(rosiCommand(verb, scope, tail)).toBe(want);
  });
});
