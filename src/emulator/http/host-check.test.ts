import { describe, expect, it } from 'vitest';
import { hostAllowed } from './host-check.js';

describe('hostAllowed', () => {
  it.each([
    { name: 'no Host header (not a browser)', header: undefined, listen: '127.0.0.1', allowed: true },
    { name: 'loopback IPv4 with a port', header: '127.0.0.1:5810', listen: '127.0.0.1', allowed: true },
    { name: 'localhost in capitals', header: 'LOCALHOST:5810', listen: '127.0.0.1', allowed: true },
    { name: 'a .localhost name', header: 'app.localhost:5810', listen: '127.0.0.1', allowed: true },
    { name: 'bracketed IPv6 loopback', header: '[::1]:5810', listen: '::1', allowed: true },
    { name: 'a LAN address (an IP cannot be rebound)', header: '10.0.0.7:5810', listen: '0.0.0.0', allowed: true },
    { name: 'the --host name', header: 'devbox.internal:5810', listen: 'devbox.internal', allowed: true },
    { name: 'the --host name with a trailing dot', header: 'devbox.internal.:5810', listen: 'devbox.internal', allowed: true },
    { name: 'another name (DNS rebinding)', header: 'rebind.attacker.example:5810', listen: '127.0.0.1', allowed: false },
    { name: 'another name while listening everywhere', header: 'rebind.attacker.example', listen: '0.0.0.0', allowed: false },
    { name: 'a name that only starts like localhost', header: 'localhost.attacker.example', listen: '127.0.0.1', allowed: false },
    { name: 'garbage', header: 'a b', listen: '127.0.0.1', allowed: false },
    { name: 'userinfo smuggled in', header: 'localhost@attacker.example', listen: '127.0.0.1', allowed: false },
  ])('$name → $allowed', ({ header, listen, allowed }) => {
    expect(hostAllowed(header, listen)).toBe(allowed);
  });
});
