import { HttpResponse } from 'msw';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/helpers/manual-clock.js';
import { testApi } from '../../test/msw/api.js';
import { calls, httpStatus, inSequence, slackError, slackMethod } from '../../test/msw/slack.js';
import { server } from '../../test/msw/server.js';
import { ApiError } from '../errors/api-error.js';
import { AuthError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import type { Credential } from './credential.js';
import { CredentialStore } from './credential-store.js';
import { needsRotation, StoredTokenProvider } from './stored-token-provider.js';

const NOW = new Date('2026-11-28T12:00:00Z');
const nowS = NOW.getTime() / 1000;
const TEAM = 'T0123456789';
const OLD = 'xoxe.xoxp-1-old';
const OLD_REFRESH = 'xoxe-1-oldref';
const NEW = 'xoxe.xoxp-1-new';
const NEW_REFRESH = 'xoxe-1-newref';
const ROTATE = 'tooling.tokens.rotate';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function login(over: Partial<Credential> = {}): Credential {
  return {
    token: OLD,
    team_domain: 'acme',
    team_id: TEAM,
    user_id: 'U0001',
    last_updated: '2026-11-28T00:00:00Z',
    refresh_token: OLD_REFRESH,
    exp: nowS + 60,
    future_field: { kept: true },
    ...over,
  };
}

/** A credentials.json in a fresh temp dir (mode 0644, so a rewrite to 0600 shows). */
function setup(stored: Credential = login(), inMemory: Credential = stored) {
  const dir = mkdtempSync(join(tmpdir(), 'rosi-tokens-'));
  dirs.push(dir);
  const file = join(dir, 'credentials.json');
  writeFileSync(file, JSON.stringify({ [TEAM]: stored }, null, 2), { mode: 0o644 });
  const store = new CredentialStore(file);
  const clock = new ManualClock(NOW);
  const { api } = testApi({ tokens: undefined, clock });
  const make = (c: Credential = inMemory) =>
    new StoredTokenProvider(
      store,
      c,
      () => clock.now(),
      async () => api,
    );
  return { dir, file, store, clock, api, provider: make(), make, read: () => readFileSync(file, 'utf8') };
}

const rotated =
  (extra: Record<string, unknown> = {}) =>
  () => ({ token: NEW, refresh_token: NEW_REFRESH, exp: nowS + 43_200, iat: nowS, team_id: TEAM, ...extra });

describe('needsRotation (contract §3.2: exp != 0, a refresh token, and exp - now <= 300 s)', () => {
  it.each([
    { name: 'expires in an hour', c: { exp: nowS + 3600 }, want: false },
    { name: 'expires in 301 s', c: { exp: nowS + 301 }, want: false },
    { name: 'expires in exactly 300 s', c: { exp: nowS + 300 }, want: true },
    { name: 'expires in a minute', c: { exp: nowS + 60 }, want: true },
    { name: 'expired five minutes ago', c: { exp: nowS - 300 }, want: true },
    { name: 'no exp (a token that does not expire)', c: { exp: undefined }, want: false },
    { name: 'exp 0', c: { exp: 0 }, want: false },
    { name: 'no refresh token', c: { refresh_token: undefined, exp: nowS - 10 }, want: false },
  ])('$name → $want', ({ c, want }) => {
    expect(needsRotation(login(c), NOW)).toBe(want);
  });
});

describe('token(): rotation ahead of expiry', () => {
  it.each([
    { name: 'an hour left: the stored token, no rotate call', exp: nowS + 3600, want: OLD, rotates: 0 },
    { name: 'a minute left: rotated first', exp: nowS + 60, want: NEW, rotates: 1 },
    { name: 'already expired: rotated first', exp: nowS - 300, want: NEW, rotates: 1 },
  ])('$name', async ({ exp, want, rotates }) => {
    server.use(slackMethod(ROTATE, rotated()));
    const t = setup(login({ exp }));
    const before = t.read();
    await expect(t.provider.token()).resolves.toBe(want);
    expect(calls(ROTATE)).toHaveLength(rotates);
    if (!rotates) expect(t.read()).toBe(before);
  });

  it('sends only the refresh token, as a form field, with no token of its own', async () => {
    server.use(slackMethod(ROTATE, rotated()));
    await setup().provider.token();
    const [c] = calls(ROTATE);
    expect(c?.rawBody).toBe(`refresh_token=${OLD_REFRESH}`);
    expect(c?.headers.authorization).toBeUndefined();
  });

  it('writes the new token, refresh token and exp atomically, mode 0600, keeping unknown fields', async () => {
    server.use(slackMethod(ROTATE, rotated()));
    const t = setup();
    await t.provider.token();
    const saved = (JSON.parse(t.read()) as Record<string, Credential>)[TEAM];
    expect(saved).toEqual({
      token: NEW,
      team_domain: 'acme',
      team_id: TEAM,
      user_id: 'U0001',
      last_updated: NOW.toISOString(),
      refresh_token: NEW_REFRESH,
      exp: nowS + 43_200,
      future_field: { kept: true },
    });
    expect(statSync(t.file).mode & 0o777).toBe(0o600);
    expect(readdirSync(t.dir)).toEqual(['credentials.json']);
    expect(t.provider.current.token).toBe(NEW);
  });

  it('a rotation that returns no exp leaves a token that does not expire, and does not rotate again', async () => {
    server.use(slackMethod(ROTATE, () => ({ token: NEW, refresh_token: NEW_REFRESH })));
    const t = setup(login({ exp: nowS - 300 }));
    await expect(t.provider.token()).resolves.toBe(NEW);
    await expect(t.provider.token()).resolves.toBe(NEW);
    expect(calls(ROTATE)).toHaveLength(1);
    expect((JSON.parse(t.read()) as Record<string, Credential>)[TEAM]?.exp).toBeUndefined();
    // A second process reading the file decides the same way.
    await expect(t.make(login({ exp: nowS - 300 })).token()).resolves.toBe(NEW);
    expect(calls(ROTATE)).toHaveLength(1);
  });

  it('a later call after the clock passes the new expiry rotates again', async () => {
    server.use(
      slackMethod(
        ROTATE,
        inSequence(rotated({ exp: nowS + 600 }), () => ({ token: 'xoxe.xoxp-1-third', refresh_token: 'xoxe-1-third', exp: nowS + 7200 })),
      ),
    );
    const t = setup();
    await expect(t.provider.token()).resolves.toBe(NEW);
    await t.clock.sleep(301_000);
    await expect(t.provider.token()).resolves.toBe('xoxe.xoxp-1-third');
    expect(calls(ROTATE).map((c) => c.params.refresh_token)).toEqual([OLD_REFRESH, NEW_REFRESH]);
  });
});

describe('single flight', () => {
  it('10 concurrent token() calls in one process → exactly one rotate call', async () => {
    server.use(slackMethod(ROTATE, rotated()));
    const t = setup();
    const tokens = await Promise.all(Array.from({ length: 10 }, () => t.provider.token()));
    expect(tokens).toEqual(Array(10).fill(NEW));
    expect(calls(ROTATE)).toHaveLength(1);
  });

  it('two providers on one file (two processes) → one rotate call; the second reads the first’s token', async () => {
    server.use(slackMethod(ROTATE, rotated()));
    const t = setup();
    const other = t.make();
    await expect(Promise.all([t.provider.token(), other.token()])).resolves.toEqual([NEW, NEW]);
    expect(calls(ROTATE)).toHaveLength(1);
    expect(other.current.refresh_token).toBe(NEW_REFRESH);
  });

  it('the file already holds a fresher token (another process rotated) → no rotate call', async () => {
    server.use(slackMethod(ROTATE, rotated()));
    const fresh = login({ token: NEW, refresh_token: NEW_REFRESH, exp: nowS + 43_200 });
    const t = setup(fresh, login({ exp: nowS - 300 }));
    const before = t.read();
    await expect(t.provider.token()).resolves.toBe(NEW);
    expect(calls(ROTATE)).toHaveLength(0);
    expect(t.read()).toBe(before);
    expect(t.provider.current.token).toBe(NEW);
  });

  it('the login was removed from the file meanwhile → credentials_not_found (exit 4)', async () => {
    server.use(slackMethod(ROTATE, rotated()));
    const t = setup();
    writeFileSync(t.file, '{}');
    const e = await t.provider.token().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AuthError);
    expect((e as AuthError).code).toBe('credentials_not_found');
    expect(calls(ROTATE)).toHaveLength(0);
  });
});

describe('rotation failures of an expired token leave the file unchanged', () => {
  it.each([
    {
      name: 'invalid_refresh_token → AuthError, exit 4',
      answer: () => HttpResponse.json({ ok: false, error: 'invalid_refresh_token' }),
      type: AuthError,
      code: 'token_rotation_error',
      exit: ExitCode.auth,
      cause: 'invalid_refresh_token',
    },
    {
      name: 'invalid_auth → AuthError, exit 4',
      answer: () => HttpResponse.json({ ok: false, error: 'invalid_auth' }),
      type: AuthError,
      code: 'token_rotation_error',
      exit: ExitCode.auth,
      cause: 'invalid_auth',
    },
    {
      name: 'network error → not an auth problem, exit 1, sent once',
      answer: () => HttpResponse.error(),
      type: Error,
      code: 'http_request_failed',
      exit: ExitCode.failed,
      cause: undefined,
    },
    {
      name: 'HTTP 502 → an outage, not a dead login: exit 1, sent once',
      answer: () => httpStatus(502),
      type: ApiError,
      code: 'http_request_failed',
      exit: ExitCode.failed,
      cause: undefined,
    },
  ])('$name', async ({ answer, type, code, exit, cause }) => {
    server.use(slackMethod(ROTATE, answer));
    const t = setup(login({ exp: nowS - 10 }));
    const before = t.read();
    const e = await t.provider.token().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(type);
    expect((e as AuthError).code).toBe(code);
    expect((e as AuthError).exitCode).toBe(exit);
    if (cause) {
      expect(((e as Error).cause as ApiError).slackError).toBe(cause);
      expect((e as AuthError).hint).toMatch(/rosi login/);
    }
    expect(t.read()).toBe(before);
    expect(calls(ROTATE)).toHaveLength(1);
    expect(t.provider.current.token).toBe(OLD);
  });

  it('after a failure the next call tries again (the failure is not cached)', async () => {
    server.use(
      slackMethod(
        ROTATE,
        inSequence(() => httpStatus(502), rotated()),
      ),
    );
    const t = setup(login({ exp: nowS - 10 }));
    await expect(t.provider.token()).rejects.toBeInstanceOf(ApiError);
    await expect(t.provider.token()).resolves.toBe(NEW);
    expect(calls(ROTATE)).toHaveLength(2);
  });
});

describe('a failed rotation while the token still has minutes left', () => {
  it.each([
    { name: 'the answer was lost (network error)', answer: () => HttpResponse.error() },
    { name: 'the refresh token was refused (a lost answer spent it earlier)', answer: () => HttpResponse.json({ ok: false, error: 'invalid_refresh_token' }) },
  ])('$name → the current token is used, the failure reported once, no second rotate call', async ({ answer }) => {
    server.use(slackMethod(ROTATE, answer));
    const t = setup();
    const before = t.read();
    const failures: { code: string; validForMs: number }[] = [];
    const p = new StoredTokenProvider(
      t.store,
      login(),
      () => t.clock.now(),
      async () => t.api,
      (e, _c, validForMs) => failures.push({ code: e.code, validForMs }),
    );
    await expect(p.token()).resolves.toBe(OLD);
    await expect(p.token()).resolves.toBe(OLD);
    expect(failures).toEqual([{ code: expect.any(String), validForMs: 60_000 }]);
    expect(calls(ROTATE)).toHaveLength(1);
    expect(t.read()).toBe(before);
  });
});

describe('another process rotated first', () => {
  it('a short-lived token in the file that differs from the stale one is used, even inside the margin', async () => {
    server.use(slackMethod(ROTATE, rotated()));
    // This process read OLD (expiring in 60 s); meanwhile another process stored NEW, which
    // also expires within the 5-minute margin, as every token does when they live 60 s.
    const t = setup(login({ token: NEW, refresh_token: NEW_REFRESH, exp: nowS + 60 }), login({ exp: nowS + 60 }));
    await expect(t.provider.token()).resolves.toBe(NEW);
    expect(calls(ROTATE)).toHaveLength(0);
  });

  it('a different token in the file that has already expired is rotated', async () => {
    server.use(slackMethod(ROTATE, rotated()));
    const t = setup(login({ token: 'xoxe.xoxp-1-other', exp: nowS - 10 }), login({ exp: nowS + 60 }));
    await expect(t.provider.token()).resolves.toBe(NEW);
    expect(calls(ROTATE)).toHaveLength(1);
  });
});

describe('refresh(refused)', () => {
  it.each([
    { name: 'the refused token is the stored one → rotate', stored: login({ exp: nowS + 3600 }), want: NEW, rotates: 1 },
    {
      name: 'the file already moved on (another process rotated) → its token, no call',
      stored: login({ token: NEW, refresh_token: NEW_REFRESH, exp: nowS + 3600 }),
      want: NEW,
      rotates: 0,
    },
  ])('$name', async ({ stored, want, rotates }) => {
    server.use(slackMethod(ROTATE, rotated()));
    const t = setup(stored, login({ exp: nowS + 3600 }));
    await expect(t.provider.refresh(OLD)).resolves.toBe(want);
    expect(calls(ROTATE)).toHaveLength(rotates);
  });

  it.each([
    { name: 'no refresh token', c: login({ refresh_token: undefined }) },
    { name: 'no exp (a non-rotating login)', c: login({ exp: undefined }) },
  ])('$name → undefined, no call', async ({ c }) => {
    server.use(slackMethod(ROTATE, rotated()));
    await expect(setup(c).provider.refresh(OLD)).resolves.toBeUndefined();
    expect(calls(ROTATE)).toHaveLength(0);
  });

  it('with SlackApi: token_expired → one rotation → the call is retried with the new token', async () => {
    server.use(
      slackMethod(ROTATE, rotated()),
      slackMethod(
        'auth.test',
        inSequence(
          () => HttpResponse.json({ ok: false, error: 'token_expired' }),
          () => ({ team_id: TEAM, user_id: 'U0001' }),
        ),
      ),
    );
    const t = setup(login({ exp: nowS + 3600 }));
    const { api } = testApi({ tokens: t.provider });
    await expect(api.call('auth.test', {})).resolves.toMatchObject({ team_id: TEAM });
    expect(calls('auth.test').map((c) => c.params.token)).toEqual([OLD, NEW]);
    expect(calls(ROTATE)).toHaveLength(1);
  });

  it('with SlackApi: the rotated token refused too → that refusal is final', async () => {
    server.use(slackMethod(ROTATE, rotated()), slackError('auth.test', 'invalid_auth'));
    const t = setup(login({ exp: nowS + 3600 }));
    const e = await testApi({ tokens: t.provider })
      .api.call('auth.test', {})
      .catch((x: unknown) => x);
    expect((e as ApiError).slackError).toBe('invalid_auth');
    expect((e as ApiError).exitCode).toBe(ExitCode.auth);
    expect(calls('auth.test')).toHaveLength(2);
    expect(calls(ROTATE)).toHaveLength(1);
  });
});
