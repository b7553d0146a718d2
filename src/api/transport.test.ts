import { HttpResponse } from 'msw';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../test/helpers/manual-clock.js';
import { API, calls, httpStatus, inSequence, rateLimited, slackMethod } from '../../test/msw/slack.js';
import { server } from '../../test/msw/server.js';
import { CancelledError, NetworkError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import type { RetryLimits } from './retry-policy.js';
import { send, type HttpRequest, type TransportOptions } from './transport.js';

// The transport is driven with a plain auth.test request; the msw handler records each attempt.
const METHOD = 'auth.test';
const ok = () => ({ team_id: 'T1', user_id: 'U1' });

function request(over: Partial<HttpRequest> = {}): HttpRequest {
  return {
    method: 'POST',
    url: `${API}/api/${METHOD}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'token=xoxe.xoxp-1-fixture',
    label: METHOD,
    idempotent: true,
    secret: false,
    ...over,
  };
}

function setup(over: Partial<TransportOptions> = {}) {
  const clock = new ManualClock();
  const lines: string[] = [];
  const o: TransportOptions = {
    fetch: (input, init) => globalThis.fetch(input, init),
    clock,
    signal: new AbortController().signal,
    userAgent: 'rosi/1.2.3 (os: linux)',
    timeoutMs: 5_000,
    log: (line) => lines.push(line),
    random: () => 0.5,
    ...over,
  };
  return { o, clock, lines };
}

/** A fetch that never answers: it only rejects, with the signal's reason, when aborted. */
const hangingFetch =
  (attempts: { n: number }): typeof globalThis.fetch =>
  (_input, init) => {
    attempts.n++;
    return new Promise((_resolve, reject) => {
      const signal = init?.signal;
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  };

describe('send: headers', () => {
  it('sets the User-Agent on every attempt and passes the request headers through', async () => {
    server.use(
      slackMethod(
        METHOD,
        inSequence(() => rateLimited('1'), ok),
      ),
    );
    const { o } = setup();
    await send(o, request());
    expect(calls(METHOD)).toHaveLength(2);
    for (const c of calls(METHOD)) {
      expect(c.headers['user-agent']).toBe('rosi/1.2.3 (os: linux)');
      expect(c.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(c.rawBody).toBe('token=xoxe.xoxp-1-fixture');
    }
  });
});

interface RetryCase {
  name: string;
  idempotent: boolean;
  answers: (() => Response | Record<string, unknown>)[];
  limits?: RetryLimits;
  wantCalls: number;
  wantSleeps: number[];
  wantStatus: number;
}

const tight: RetryLimits = { maxAttempts: 3, maxTotalWaitMs: 5_000, maxSingleWaitMs: 4_000, baseBackoffMs: 100 };
const date = (s: number) => new Date(Date.parse('2026-11-28T12:00:00Z') + s * 1000).toUTCString();

describe('send: retries (ManualClock, no real waiting)', () => {
  it.each<RetryCase>([
    {
      name: '429 Retry-After: 2 → one 2 s wait, then success',
      idempotent: true,
      answers: [() => rateLimited('2'), ok],
      wantCalls: 2,
      wantSleeps: [2000],
      wantStatus: 200,
    },
    {
      name: '429 Retry-After: 2 on a non-idempotent method → resent too',
      idempotent: false,
      answers: [() => rateLimited('2'), ok],
      wantCalls: 2,
      wantSleeps: [2000],
      wantStatus: 200,
    },
    {
      name: '503 Retry-After in seconds, non-idempotent → resent',
      idempotent: false,
      answers: [() => rateLimited('3', 503), ok],
      wantCalls: 2,
      wantSleeps: [3000],
      wantStatus: 200,
    },
    {
      name: '503 Retry-After as an HTTP date → waits until then',
      idempotent: false,
      answers: [() => rateLimited(date(4), 503), ok],
      wantCalls: 2,
      wantSleeps: [4000],
      wantStatus: 200,
    },
    {
      name: '429 without Retry-After → jittered backoff',
      idempotent: false,
      answers: [() => rateLimited(null), () => rateLimited(null), ok],
      wantCalls: 3,
      wantSleeps: [375, 750],
      wantStatus: 200,
    },
    {
      name: 'Retry-After longer than the single-wait cap → no retry',
      idempotent: true,
      answers: [() => rateLimited('61'), ok],
      wantCalls: 1,
      wantSleeps: [],
      wantStatus: 429,
    },
    {
      name: 'attempts cap: 3 attempts, 2 waits, then the 429 is returned',
      idempotent: true,
      limits: tight,
      answers: [() => rateLimited('1')],
      wantCalls: 3,
      wantSleeps: [1000, 1000],
      wantStatus: 429,
    },
    {
      name: 'total-wait cap: a wait that would pass it is not taken',
      idempotent: true,
      limits: tight,
      answers: [() => rateLimited('3')],
      wantCalls: 2,
      wantSleeps: [3000],
      wantStatus: 429,
    },
    {
      name: '500 on an idempotent method → exponential backoff',
      idempotent: true,
      answers: [() => httpStatus(500), () => httpStatus(502), ok],
      wantCalls: 3,
      wantSleeps: [375, 750],
      wantStatus: 200,
    },
    {
      name: '500 on a non-idempotent method → exactly one call',
      idempotent: false,
      answers: [() => httpStatus(500), ok],
      wantCalls: 1,
      wantSleeps: [],
      wantStatus: 500,
    },
    {
      name: '503 without Retry-After on a non-idempotent method → one call',
      idempotent: false,
      answers: [() => httpStatus(503), ok],
      wantCalls: 1,
      wantSleeps: [],
      wantStatus: 503,
    },
    {
      name: '500 on every attempt of an idempotent method → stops at the cap',
      idempotent: true,
      limits: tight,
      answers: [() => httpStatus(500)],
      wantCalls: 3,
      wantSleeps: [75, 150],
      wantStatus: 500,
    },
    {
      name: '400 is an answer, not a failure: no retry',
      idempotent: true,
      answers: [() => HttpResponse.json({ ok: false, error: 'invalid_arguments' }, { status: 400 })],
      wantCalls: 1,
      wantSleeps: [],
      wantStatus: 400,
    },
  ])('$name', async ({ idempotent, answers, limits, wantCalls, wantSleeps, wantStatus }) => {
    server.use(slackMethod(METHOD, inSequence(...answers)));
    const { o, clock } = setup(limits ? { limits } : {});
    const res = await send(o, request({ idempotent }));
    expect(res.status).toBe(wantStatus);
    expect(calls(METHOD)).toHaveLength(wantCalls);
    expect(clock.sleeps).toEqual(wantSleeps);
  });

  it('jitter comes from the injected random source', async () => {
    server.use(
      slackMethod(
        METHOD,
        inSequence(
          () => httpStatus(500),
          () => httpStatus(500),
          ok,
        ),
      ),
    );
    const randoms = [0, 1];
    const { o, clock } = setup({ random: () => randoms.shift() ?? 0 });
    await send(o, request());
    expect(clock.sleeps).toEqual([250, 1000]);
  });
});

describe('send: network errors', () => {
  it.each([{ name: 'idempotent: retried with backoff, then success', idempotent: true, wantCalls: 2, wantSleeps: [375] }])(
    '$name',
    async ({ idempotent, wantCalls, wantSleeps }) => {
      server.use(
        slackMethod(
          METHOD,
          inSequence(() => HttpResponse.error(), ok),
        ),
      );
      const { o, clock } = setup();
      const res = await send(o, request({ idempotent }));
      expect(res.status).toBe(200);
      expect(calls(METHOD)).toHaveLength(wantCalls);
      expect(clock.sleeps).toEqual(wantSleeps);
    },
  );

  it.each([
    {
      name: 'non-idempotent: never resent',
      idempotent: false,
      limits: undefined,
      wantCalls: 1,
      wantMessage: /^Could not reach slack\.test for auth\.test: Failed to fetch$/,
    },
    { name: 'idempotent: gives up at the attempts cap', idempotent: true, limits: tight, wantCalls: 3, wantMessage: /after 3 attempts: Failed to fetch/ },
  ])('$name → NetworkError (http_request_failed)', async ({ idempotent, limits, wantCalls, wantMessage }) => {
    server.use(slackMethod(METHOD, () => HttpResponse.error()));
    const { o } = setup(limits ? { limits } : {});
    const err = await send(o, request({ idempotent })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).code).toBe('http_request_failed');
    expect((err as NetworkError).exitCode).toBe(ExitCode.failed);
    expect((err as NetworkError).message).toMatch(wantMessage);
    expect(calls(METHOD)).toHaveLength(wantCalls);
  });

  it.each([
    {
      name: 'refused connection',
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' }),
      want: 'fetch failed: connect ECONNREFUSED 127.0.0.1:443',
    },
    {
      name: 'unknown host',
      cause: Object.assign(new Error('getaddrinfo ENOTFOUND slack.test'), { code: 'ENOTFOUND' }),
      want: 'fetch failed: getaddrinfo ENOTFOUND slack.test',
    },
    { name: 'a redirect (redirect: "error")', cause: new Error('unexpected redirect'), want: 'fetch failed: unexpected redirect' },
    {
      name: 'an AggregateError with only a code',
      cause: Object.assign(new AggregateError([], ''), { code: 'ECONNREFUSED' }),
      want: 'fetch failed: ECONNREFUSED',
    },
  ])('a fetch TypeError names its cause: $name', async ({ cause, want }) => {
    let n = 0;
    const { o } = setup({
      fetch: () => {
        n++;
        return Promise.reject(new TypeError('fetch failed', { cause }));
      },
    });
    const err = await send(o, request({ idempotent: false })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toBe(`Could not reach slack.test for auth.test: ${want}`);
    expect((err as NetworkError).hint).toMatch(/HTTPS_PROXY/);
    expect(n).toBe(1);
  });
});

describe('send: per-attempt timeout', () => {
  it.each([
    { name: 'non-idempotent: one attempt', idempotent: false, wantAttempts: 1 },
    { name: 'idempotent: each attempt gets its own timeout', idempotent: true, wantAttempts: 3 },
  ])('$name → NetworkError naming the timeout', async ({ idempotent, wantAttempts }) => {
    const attempts = { n: 0 };
    const { o, lines } = setup({ fetch: hangingFetch(attempts), timeoutMs: 20, limits: tight });
    const err = await send(o, request({ idempotent })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toMatch(/timed out: no answer within 0\.02 s/);
    expect((err as NetworkError).hint).toMatch(/ROSI_HTTP_TIMEOUT/);
    expect(attempts.n).toBe(wantAttempts);
    expect(lines.filter((l) => l.startsWith('✗'))).toHaveLength(wantAttempts);
  });
  it('fires even when the garbage collector runs while the request hangs', { timeout: 3_000 }, async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const collector = setInterval(gc, 2);
    try {
      const attempts = { n: 0 };
      const { o } = setup({ fetch: hangingFetch(attempts), timeoutMs: 100 });
      const err = await send(o, request({ idempotent: false })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NetworkError);
      expect((err as Error).message).toMatch(/timed out/);
    } finally {
      clearInterval(collector);
    }
  });
});

describe('send: cancellation', () => {
  it('an already aborted signal → CancelledError before any request', async () => {
    const ac = new AbortController();
    ac.abort();
    const { o } = setup({ signal: ac.signal });
    const err = await send(o, request()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CancelledError);
    expect((err as CancelledError).exitCode).toBe(130);
    expect(calls()).toHaveLength(0);
  });

  it('aborting while the request is in flight → CancelledError, not a network error, and no retry', async () => {
    const ac = new AbortController();
    const attempts = { n: 0 };
    const { o } = setup({ signal: ac.signal, fetch: hangingFetch(attempts) });
    const pending = send(o, request({ idempotent: true })).catch((e: unknown) => e);
    await Promise.resolve();
    ac.abort();
    const err = await pending;
    expect(err).toBeInstanceOf(CancelledError);
    expect((err as CancelledError).exitCode).toBe(ExitCode.interrupted);
    expect(attempts.n).toBe(1);
  });

  it('aborting during a Retry-After wait → CancelledError without resending', async () => {
    server.use(
      slackMethod(
        METHOD,
        inSequence(() => rateLimited('30'), ok),
      ),
    );
    const ac = new AbortController();
    const clock = new ManualClock(undefined, false);
    const { o } = setup({ signal: ac.signal, clock });
    const pending = send(o, request()).catch((e: unknown) => e);
    await vi.waitFor(() => expect(clock.sleeps).toHaveLength(1));
    ac.abort();
    expect(await pending).toBeInstanceOf(CancelledError);
    expect(calls(METHOD)).toHaveLength(1);
    expect(clock.sleeps).toEqual([30_000]);
  });

  it('the wait ends when the clock reaches it (no real time passes)', async () => {
    server.use(
      slackMethod(
        METHOD,
        inSequence(() => rateLimited('30'), ok),
      ),
    );
    const clock = new ManualClock(undefined, false);
    const { o } = setup({ clock });
    const pending = send(o, request());
    await vi.waitFor(() => expect(clock.sleeps).toHaveLength(1));
    clock.advance(29_999);
    await new Promise((r) => setTimeout(r, 5));
    expect(calls(METHOD)).toHaveLength(1);
    clock.advance(1);
    expect((await pending).status).toBe(200);
    expect(calls(METHOD)).toHaveLength(2);
  });
});

describe('send: debug log', () => {
  const TOKEN = /xox[a-z]?(?:\.xox[a-z])?-/;

  it('logs each attempt, the answer and the wait, with tokens redacted', async () => {
    server.use(
      slackMethod(
        METHOD,
        inSequence(
          () => rateLimited('1'),
          () => ({ ...ok(), token: 'xoxp-1-fixture' }),
        ),
      ),
    );
    const { o, lines } = setup();
    await send(o, request());
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^→ POST https:\/\/slack\.test\/api\/auth\.test token=/);
    expect(lines[1]).toMatch(/^← 429 auth\.test \(\d+ ms\)/);
    expect(lines[2]).toBe('  retrying auth.test in 1000 ms (attempt 2 of 5)');
    expect(lines[3]).toMatch(/\(attempt 2\)/);
    expect(lines[4]).toMatch(/^← 200 auth\.test .*"team_id":"T1"/);
    for (const line of lines) expect(line).not.toMatch(TOKEN);
  });

  it('never logs the bodies of secret requests, either way', async () => {
    server.use(slackMethod(METHOD, () => ({ ...ok(), refresh_token: 'xoxe-1-fixture', note: 'response-body-marker' })));
    const { o, lines } = setup();
    await send(o, request({ secret: true, body: 'token=request-body-marker' }));
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).not.toMatch(/marker|refresh_token|xoxe/);
  });

  it('redacts a token quoted by a fetch error (an invalid header value)', async () => {
    const { o, lines } = setup({ limits: tight });
    const err = await send(o, request({ idempotent: false, headers: { authorization: 'Bearer xoxp-1-fixture\u0000' } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as Error).message).toMatch(/invalid header value/);
    expect((err as Error).message).not.toMatch(TOKEN);
    expect(lines.some((l) => l.startsWith('✗ auth.test: '))).toBe(true);
    for (const line of lines) expect(line).not.toMatch(TOKEN);
  });
});

describe('send: failures no retry can fix', () => {
  /** A fetch that fails as undici does when the connection cannot be made. */
  const failing =
    (attempts: { n: number }, cause: Error): typeof globalThis.fetch =>
    async () => {
      attempts.n++;
      throw new TypeError('fetch failed', { cause });
    };
  const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5810'), { code: 'ECONNREFUSED' });

  it.each([
    {
      name: 'connection refused on loopback',
      url: 'http://127.0.0.1:5810/api/auth.test',
      cause: refused(),
      hint: 'Is `rosi emulator` running on http://127.0.0.1:5810?',
    },
    { name: 'a port fetch refuses', url: 'https://localhost:1/api/auth.test', cause: new Error('bad port'), hint: 'port 1' },
    {
      name: 'https to a plain-http server',
      url: 'https://127.0.0.1:5810/api/auth.test',
      cause: Object.assign(new Error('wrong version number'), { code: 'ERR_SSL_WRONG_VERSION_NUMBER' }),
      hint: 'use the API host http://127.0.0.1:5810',
    },
  ])('$name → one attempt, and a hint that fits', async ({ url, cause, hint }) => {
    const attempts = { n: 0 };
    const { o } = setup({ fetch: failing(attempts, cause) });
    const e = await send(o, request({ url })).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NetworkError);
    expect((e as NetworkError).hint).toContain(hint);
    expect(attempts.n).toBe(1);
  });

  it('connection refused on a remote host is still retried (it may be restarting)', async () => {
    const attempts = { n: 0 };
    const { o } = setup({ fetch: failing(attempts, refused()) });
    await expect(send(o, request({ url: 'https://slack.test/api/auth.test' }))).rejects.toBeInstanceOf(NetworkError);
    expect(attempts.n).toBe(5);
  });
});
