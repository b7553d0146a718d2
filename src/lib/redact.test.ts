import { describe, expect, it } from 'vitest';
import { redact, redactFields } from './redact.js';

describe('redact', () => {
  it.each([
    { name: 'user token', input: 'token xoxp-1234-5678-abcdef here', want: 'token xoxp…[redacted] here' },
    { name: 'rotating token', input: 'xoxe.xoxp-1-Mi0yLTE', want: 'xoxe…[redacted]' },
    { name: 'refresh token', input: '"refresh_token":"xoxe-1-abc"', want: '"refresh_token":"xoxe…[redacted]"' },
    { name: 'bot token', input: 'Bearer xoxb-1-2-3', want: 'Bearer xoxb…[redacted]' },
    { name: 'the word alone is kept', input: 'an xoxp token', want: 'an xoxp token' },
  ])('$name', ({ input, want }) => {
    expect(redact(input)).toBe(want);
  });

  it('masks secret form and JSON fields in debug bodies', () => {
    expect(redactFields('challenge=abc123&ticket=T-1&x=1')).toBe('challenge=[redacted]&ticket=[redacted]&x=1');
    expect(redactFields('{"token":"secret","ok":true}')).toBe('{"token":"[redacted]","ok":true}');
  });
});
