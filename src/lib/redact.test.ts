import { describe, expect, it } from 'vitest';
import { isSecretName, maskTokens, redact, redactFields } from './redact.js';

describe('redact', () => {
  it.each([
    { name: 'user token', input: 'token xoxp-1234-5678-abc here', want: 'token xoxp…[redacted] here' },
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

  it.each([
    {
      name: 'app credentials from apps.manifest.create',
      input: '{"app_id":"A1","credentials":{"client_id":"123.456","client_secret":"c5e","verification_token":"v7k","signing_secret":"s1g"}}',
      want: '{"app_id":"A1","credentials":{"client_id":"123.456","client_secret":"[redacted]","verification_token":"[redacted]","signing_secret":"[redacted]"}}',
    },
    {
      name: 'form fields ending in _token or _secret',
      input: 'a=1&refresh_token=r&client_secret=c',
      want: 'a=1&refresh_token=[redacted]&client_secret=[redacted]',
    },
    { name: 'JSON with spaces', input: '{ "token": "abc", "n": 1 }', want: '{ "token": "[redacted]", "n": 1 }' },
    {
      name: 'similar names that are not secrets are kept',
      input: '{"tokens_left":3,"token_type":"bearer","secretary":"x"}',
      want: '{"tokens_left":3,"token_type":"bearer","secretary":"x"}',
    },
    { name: 'a Slack token under any name', input: '{"bot":"xoxb-1-fixture"}', want: '{"bot":"xoxb…[redacted]"}' },
    {
      name: 'a presigned POST: security token, signature and the policy quoting the token, whatever their case',
      input: '{"fields":{"key":"k/1.zip","X-Amz-Security-Token":"IQoJb3JpZ2lu+/=","X-Amz-Signature":"9f86d081","Policy":"eyJl"}}',
      want: '{"fields":{"key":"k/1.zip","X-Amz-Security-Token":"[redacted]","X-Amz-Signature":"[redacted]","Policy":"[redacted]"}}',
    },
    { name: 'upper-case form fields', input: 'X-Amz-Signature=abc&TOKEN=def&n=1', want: 'X-Amz-Signature=[redacted]&TOKEN=[redacted]&n=1' },
    {
      name: 'S3 echoing a signature in an XML error',
      input: '<Error><Code>SignatureDoesNotMatch</Code><SignatureProvided>9f86</SignatureProvided></Error>',
      want: '<Error><Code>SignatureDoesNotMatch</Code><SignatureProvided>[redacted]</SignatureProvided></Error>',
    },
  ])('redactFields: $name', ({ input, want }) => {
    expect(redactFields(input)).toBe(want);
  });
});

describe('maskTokens and isSecretName', () => {
  it.each([
    { name: 'user token', input: 'a xoxp-1234-abc b', want: 'a [redacted] b' },
    { name: 'rotating token', input: 'xoxe.xoxp-1-Mi0yLTE', want: '[redacted]' },
    { name: 'refresh token', input: 'xoxe-1-abc', want: '[redacted]' },
    { name: 'bot token', input: 'Bearer xoxb-1-2-3', want: 'Bearer [redacted]' },
    { name: 'app-level token', input: 'xapp-1-A1-2-ff', want: '[redacted]' },
    { name: 'function execution token', input: 'xwfp-123-456-abcDEF', want: '[redacted]' },
    { name: 'the word alone is kept', input: 'an xoxp token', want: 'an xoxp token' },
  ])('masks a $name whole', ({ input, want }) => {
    expect(maskTokens(input)).toBe(want);
  });

  it.each([
    'token',
    'refresh_token',
    'access_token',
    'verification_token',
    'api_access_tokens',
    'client_secret',
    'signing_secret',
    'X-Amz-Signature',
    'X-Amz-Security-Token',
    'X-Amz-Credential',
    'Policy',
    'challenge',
    'ticket',
    'password',
  ])('%s is a secret name', (name) => expect(isSecretName(name)).toBe(true));

  it.each(['app_id', 'key', 'name', 'value', 'tokenizer', 'channel', 'X-Amz-Date'])('%s is not', (name) => expect(isSecretName(name)).toBe(false));
});
