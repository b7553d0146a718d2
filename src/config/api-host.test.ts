import { describe, expect, it } from 'vitest';
import { normalizeApiHost } from './api-host.js';

describe('normalizeApiHost', () => {
  it.each([
    { name: 'a loopback IP without a scheme is the emulator over http', input: '127.0.0.1:5810', want: 'http://127.0.0.1:5810' },
    { name: 'localhost without a scheme is http', input: 'localhost:5810', want: 'http://localhost:5810' },
    { name: 'IPv6 loopback without a scheme is http', input: '[::1]:5810', want: 'http://[::1]:5810' },
    { name: 'a remote host without a scheme is https', input: 'dev.slack.com', want: 'https://dev.slack.com' },
    { name: 'an explicit https on loopback stays https', input: 'https://127.0.0.1:5810', want: 'https://127.0.0.1:5810' },
    { name: 'a path is dropped', input: 'https://slack.com/api/', want: 'https://slack.com' },
  ])('$name', ({ input, want }) => {
    expect(normalizeApiHost(input)).toBe(want);
  });

  it.each([
    { name: 'plain http to a remote host', input: 'http://slack.example.com', code: 'insecure_apihost' },
    { name: 'not a URL', input: 'http://', code: 'invalid_apihost' },
    { name: 'another scheme', input: 'ftp://slack.com', code: 'invalid_apihost' },
  ])('$name → $code', ({ input, code }) => {
    expect(() => normalizeApiHost(input)).toThrow(expect.objectContaining({ code, exitCode: 2 }));
  });
});
