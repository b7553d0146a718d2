import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasExplicitToken, resolveExplicitToken, tokenFlagGiven } from './explicit-token.js';

const dir = mkdtempSync(join(tmpdir(), 'rosi-token-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (text: string) => {
  const path = join(dir, `t${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(path, text);
  return path;
};
const noStdin = async () => {
  throw new Error('stdin was read');
};

describe('resolveExplicitToken', () => {
  it.each([
    { name: '--token', flags: { token: ' xoxp-1 ' }, env: {}, want: { token: 'xoxp-1', source: 'flag', origin: '--token' } },
    { name: '--token beats the environment', flags: { token: 'xoxp-1' }, env: { ROSI_TOKEN: 'xoxp-2' }, want: { source: 'flag' } },
    {
      name: 'ROSI_TOKEN beats SLACK_SERVICE_TOKEN',
      flags: {},
      env: { ROSI_TOKEN: 'xoxp-2', SLACK_SERVICE_TOKEN: 'xoxp-3' },
      want: { token: 'xoxp-2', source: 'env', origin: 'ROSI_TOKEN' },
    },
    { name: 'an empty ROSI_TOKEN is not set', flags: {}, env: { ROSI_TOKEN: '', SLACK_SERVICE_TOKEN: 'xoxp-3' }, want: { origin: 'SLACK_SERVICE_TOKEN' } },
  ])('$name', async ({ flags, env, want }) => {
    expect(await resolveExplicitToken(flags, env, noStdin)).toMatchObject(want);
  });

  it('none given → undefined', async () => {
    expect(await resolveExplicitToken({}, {}, noStdin)).toBeUndefined();
  });

  it('--token-file reads a file, - reads stdin', async () => {
    const path = file('xoxp-file\n');
    expect(await resolveExplicitToken({ tokenFile: path }, {}, noStdin)).toEqual({ token: 'xoxp-file', source: 'file', origin: `--token-file ${path}` });
    expect(await resolveExplicitToken({ tokenFile: '-' }, {}, async () => 'xoxp-in\n')).toEqual({ token: 'xoxp-in', source: 'file', origin: '--token-file -' });
  });

  it.each([
    {
      name: 'both flags',
      flags: { token: 'a', tokenFile: 'b' },
      env: {},
      code: 'mismatched_flags',
      message: '--token and --token-file cannot be used together',
    },
    { name: 'an empty --token', flags: { token: '  ' }, env: {}, code: 'missing_token', message: '--token is empty' },
    {
      name: 'a token with a space',
      flags: {},
      env: { SLACK_SERVICE_TOKEN: 'xoxp 1' },
      code: 'invalid_token',
      message: 'SLACK_SERVICE_TOKEN does not look like a token (it contains white space)',
    },
    {
      name: 'a missing file',
      flags: { tokenFile: '/nonexistent/t.txt' },
      env: {},
      code: 'invalid_token_file',
      message: 'Cannot read --token-file /nonexistent/t.txt: no such file',
    },
  ])('$name → $code, exit 2', async ({ flags, env, code, message }) => {
    await expect(resolveExplicitToken(flags, env, noStdin)).rejects.toMatchObject({ code, message, exitCode: 2 });
  });
});

describe('which token questions', () => {
  it.each([
    { flags: { token: 'x' }, env: {}, flag: true, any: true },
    { flags: { tokenFile: '-' }, env: {}, flag: true, any: true },
    { flags: {}, env: { SLACK_SERVICE_TOKEN: 'x' }, flag: false, any: true },
    { flags: {}, env: { ROSI_TOKEN: '' }, flag: false, any: false },
  ])('flags $flags, env $env: by flag $flag, any $any', ({ flags, env, flag, any }) => {
    expect(tokenFlagGiven(flags)).toBe(flag);
    expect(hasExplicitToken(flags, env)).toBe(any);
  });
});
