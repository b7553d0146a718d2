import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createTestContext, type TestHarness } from '../../test/helpers/test-context.js';
import { testApi } from '../../test/msw/api.js';
import { API, calls, httpStatus, inSequence, rateLimited, slackError, slackMethod } from '../../test/msw/slack.js';
import { server } from '../../test/msw/server.js';
import { renderError } from '../cli/render-error.js';
import { ApiContractError, ApiError } from '../errors/api-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { createColors } from '../io/colors.js';
import { AuthError } from '../errors/cli-error.js';
import { buildRequest, type TokenProvider } from './client.js';
import type { MethodName, MethodSpec } from './methods.js';
import { send } from './transport.js';

const TOKEN = 'xoxe.xoxp-1-fixture';

/** Valid parameters and a valid ok:true body for every form method in the registry. */
const samples = {
  'apps.hosted.generateAuthTicket': { params: { slack_cli_version: 'v4.5' }, ok: { ticket: 'valid-ticket' } },
  'apps.hosted.exchangeAuthTicket': {
    params: { ticket: 'valid-ticket', challenge: 'c0ffee', slack_cli_version: 'v4.5.0' },
    ok: { is_ready: true, token: TOKEN, refresh_token: 'xoxe-1-fixture' },
  },
  'tooling.tokens.rotate': { params: { refresh_token: 'xoxe-1-fixture' }, ok: { token: TOKEN, refresh_token: 'xoxe-1-fixnext' } },
  'auth.test': { params: {}, ok: { team_id: 'T123', user_id: 'W123' } },
  'auth.revoke': { params: { test: 'true' }, ok: { revoked: true } },
  'apps.manifest.validate': { params: { manifest: { display_information: { name: 'x' } } }, ok: { errors: [] } },
  'apps.manifest.create': { params: { manifest: { display_information: { name: 'x' } } }, ok: { app_id: 'A123' } },
  'apps.manifest.update': { params: { manifest: { display_information: { name: 'x' } }, app_id: 'A123' }, ok: { app_id: 'A123' } },
  'apps.manifest.export': { params: { app_id: 'A123' }, ok: { manifest: { display_information: { name: 'x' } } } },
  'apps.developerInstall': { params: { app_id: 'A123' }, ok: {} },
  'apps.status': { params: { app_ids: ['A123'] }, ok: { apps: [{ app_id: 'A123', status: 'installed' }] } },
  'developer.apps.owners.list': { params: { app_id: 'A123' }, ok: { owners: [{ user_id: 'U123' }] } },
  'apps.hosted.generatePresignedPost': { params: { app_id: 'A123' }, ok: { url: 'https://upload.test/', file_name: 'f.zip', fields: { key: 'k' } } },
  'apps.hosted.upload': { params: { app_id: 'A123', s3_key: 'k', runtime: 'deno' }, ok: {} },
  'apps.datastore.put': { params: { datastore: 'tasks', app_id: 'A123', item: { id: '1' } }, ok: { datastore: 'tasks', item: { id: '1' } } },
  'apps.datastore.update': { params: { datastore: 'tasks', app_id: 'A123', item: { id: '1' } }, ok: { datastore: 'tasks', item: { id: '1' } } },
  'apps.datastore.get': { params: { datastore: 'tasks', app_id: 'A123', id: '1' }, ok: { datastore: 'tasks', item: { id: '1' } } },
  'apps.datastore.delete': { params: { datastore: 'tasks', app_id: 'A123', id: '1' }, ok: { datastore: 'tasks' } },
  'apps.datastore.bulkPut': { params: { datastore: 'tasks', app_id: 'A123', items: [{ id: '1' }] }, ok: { datastore: 'tasks' } },
  'apps.datastore.bulkGet': { params: { datastore: 'tasks', app_id: 'A123', ids: ['1'] }, ok: { datastore: 'tasks', items: [{ id: '1' }] } },
  'apps.datastore.bulkDelete': { params: { datastore: 'tasks', app_id: 'A123', ids: ['1'] }, ok: {} },
  'apps.datastore.query': { params: { datastore: 'tasks', app_id: 'A123' }, ok: { datastore: 'tasks', items: [] } },
  'apps.datastore.count': { params: { datastore: 'tasks', app_id: 'A123' }, ok: { datastore: 'tasks', count: 42 } },
  'apps.activities.list': { params: { app_id: 'A123', limit: 100 }, ok: { activities: [] } },
  'conversations.list': { params: { types: 'public_channel', limit: 100 }, ok: { channels: [{ id: 'C123', name: 'general' }] } },
  'conversations.history': { params: { channel: 'C123', limit: 100 }, ok: { messages: [{ type: 'message', ts: '1.000001', text: 'hi' }] } },
  'conversations.replies': { params: { channel: 'C123', ts: '1.000001' }, ok: { messages: [] } },
  'apps.hosted.variables.add': { params: { app_id: 'A123', variables: [{ name: 'API_KEY', value: 's3cr3t' }] }, ok: {} },
  'apps.hosted.variables.list': { params: { app_id: 'A123' }, ok: { variable_names: ['API_KEY'] } },
  'apps.hosted.variables.remove': { params: { app_id: 'A123', variable_names: ['API_KEY'] }, ok: {} },
  'workflows.triggers.create': {
    params: { type: 'shortcut', name: 'n', description: '', workflow: '#/workflows/w', workflow_app_id: 'A123' },
    ok: { trigger: { id: 'Ft123', type: 'shortcut' } },
  },
  'workflows.triggers.update': {
    params: { type: 'shortcut', name: 'n', description: '', workflow: '#/workflows/w', workflow_app_id: 'A123', trigger_id: 'Ft123' },
    ok: { trigger: { id: 'Ft123', type: 'shortcut' } },
  },
  'workflows.triggers.delete': { params: { trigger_id: 'Ft123' }, ok: {} },
  'workflows.triggers.info': { params: { trigger_id: 'Ft123' }, ok: { trigger: { id: 'Ft123', type: 'shortcut' } } },
  'workflows.triggers.list': { params: { app_id: 'A123' }, ok: { triggers: [] } },
  'workflows.triggers.permissions.list': { params: { trigger_id: 'Ft123' }, ok: { permission_type: 'everyone' } },
  'workflows.triggers.permissions.set': { params: { trigger_id: 'Ft123', permission_type: 'everyone' }, ok: { permission_type: 'everyone' } },
  'workflows.triggers.permissions.add': { params: { trigger_id: 'Ft123', user_ids: 'U1' }, ok: {} },
  'workflows.triggers.permissions.remove': { params: { trigger_id: 'Ft123', user_ids: 'U1' }, ok: {} },
  'emulator.triggers.run': { params: { trigger_id: 'Ft123', data: { name: 'Ada' } }, ok: { workflow_execution_id: 'Wx123', trace_id: 'Tr123' } },
} as const satisfies Record<MethodName, { params: object; ok: object }>;

type Sampled = keyof typeof samples;
const names = Object.keys(samples) as Sampled[];
// Loose typing for table-driven calls over every method.
const callAny = (api: ReturnType<typeof testApi>['api'], m: Sampled) => api.call(m, samples[m].params as never);

function rendered(e: unknown, json = false): { text: string; exit: number } {
  let text = '';
  const exit = renderError(e, { write: (s) => void (text += s) }, { json, verbose: false, colors: createColors(false) });
  return { text, exit };
}

async function failure(m: Sampled, api = testApi().api): Promise<unknown> {
  return callAny(api, m).then(
    () => expect.unreachable(`${m} should have failed`),
    (e: unknown) => e,
  );
}

describe('request shapes: form POST methods (contract §1.2)', () => {
  it.each([
    { method: 'auth.test' as const, wantBody: `token=${TOKEN}` },
    { method: 'auth.revoke' as const, wantBody: `test=true&token=${TOKEN}` },
    { method: 'apps.hosted.generateAuthTicket' as const, wantBody: 'slack_cli_version=v4.5' },
    { method: 'apps.hosted.exchangeAuthTicket' as const, wantBody: 'challenge=c0ffee&slack_cli_version=v4.5.0&ticket=valid-ticket' },
    { method: 'tooling.tokens.rotate' as const, wantBody: 'refresh_token=xoxe-1-fixture' },
    { method: 'workflows.triggers.permissions.list' as const, wantBody: `token=${TOKEN}&trigger_id=Ft123` },
  ])('$method: form body "$wantBody", no Authorization header', async ({ method, wantBody }) => {
    server.use(slackMethod(method, () => samples[method].ok));
    await callAny(testApi().api, method);
    const [c] = calls(method);
    expect(c?.httpMethod).toBe('POST');
    expect(c?.url).toBe(`${API}/api/${method}`);
    expect(c?.rawBody).toBe(wantBody);
    expect(c?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(c?.headers.authorization).toBeUndefined();
    expect(c?.headers['user-agent']).toBe('rosi/1.2.3 (os: linux)');
  });

  it.each(['apps.hosted.generateAuthTicket', 'apps.hosted.exchangeAuthTicket', 'tooling.tokens.rotate'] as const)(
    '%s never asks the provider for a token',
    async (method) => {
      server.use(slackMethod(method, () => samples[method].ok));
      const { api } = testApi({ tokens: { token: () => Promise.reject(new Error('no token must be looked up')) } });
      await expect(callAny(api, method)).resolves.toBeDefined();
      expect(calls(method)[0]?.rawBody).not.toMatch(/(^|&)token=/);
    },
  );

  it('an explicit token replaces the provider’s', async () => {
    server.use(slackMethod('auth.test', () => samples['auth.test'].ok));
    const { api } = testApi({ tokens: { token: () => Promise.reject(new Error('provider must not be asked')) } });
    await api.call('auth.test', {}, { token: 'xoxp-1-explicit' });
    expect(calls('auth.test')[0]?.params.token).toBe('xoxp-1-explicit');
  });

  it('the real context sends User-Agent rosi/<version> (os: <platform>)', async () => {
    const h: TestHarness = createTestContext();
    try {
      server.use(slackMethod('auth.test', () => samples['auth.test'].ok));
      await (await h.ctx.rawApi(API)).call('auth.test', {}, { token: TOKEN });
      expect(calls('auth.test')[0]?.headers['user-agent']).toBe('rosi/0.0.0-test (os: linux)');
    } finally {
      h.cleanup();
    }
  });
});

describe('request shapes: JSON POST and GET (buildRequest with test-only specs)', () => {
  const json: MethodSpec['shape'] = 'json';
  it.each([
    {
      name: 'JSON POST with a Bearer token',
      spec: { shape: json, auth: 'bearer' as const, idempotent: true },
      params: { app_id: 'A1', datastore: 'tasks', item: { id: '1', note: '<&>' } },
      token: TOKEN,
      want: {
        method: 'POST',
        url: `${API}/api/apps.test.json`,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
        body: '{"app_id":"A1","datastore":"tasks","item":{"id":"1","note":"<&>"}}',
      },
    },
    {
      name: 'JSON POST without a token: no Authorization header',
      spec: { shape: json, auth: 'bearer' as const, idempotent: false },
      params: {},
      token: undefined,
      want: { method: 'POST', url: `${API}/api/apps.test.json`, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{}' },
    },
    {
      name: 'GET with a query string, Bearer token, and the JSON content type still set',
      spec: { shape: 'get' as const, auth: 'bearer' as const, idempotent: true },
      params: { app_id: 'A1', limit: 100, min_level: 'info', cursor: undefined },
      token: TOKEN,
      want: {
        method: 'GET',
        url: `${API}/api/apps.test.json?app_id=A1&limit=100&min_level=info`,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
        body: undefined,
      },
    },
    {
      name: 'GET without parameters: no dangling "?"',
      spec: { shape: 'get' as const, auth: 'bearer' as const, idempotent: true },
      params: {},
      token: TOKEN,
      want: {
        method: 'GET',
        url: `${API}/api/apps.test.json`,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
        body: undefined,
      },
    },
    {
      name: 'form with auth "none" drops a token it is given',
      spec: { shape: 'form' as const, auth: 'none' as const, idempotent: false, secretBody: true },
      params: { b: '2', a: '1' },
      token: TOKEN,
      want: { method: 'POST', url: `${API}/api/apps.test.json`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1&b=2' },
    },
  ])('$name', ({ spec, params, token, want }) => {
    const req = buildRequest(API, 'apps.test.json', spec, params, token);
    expect({ method: req.method, url: req.url, headers: req.headers, body: req.body }).toEqual(want);
    expect(req.idempotent).toBe(spec.idempotent);
    expect(req.secret).toBe('secretBody' in spec && spec.secretBody === true);
  });

  it.each([
    { name: 'JSON POST', shape: 'json' as const, wantMethod: 'POST', wantBody: '{"a":1}' },
    { name: 'GET', shape: 'get' as const, wantMethod: 'GET', wantBody: '' },
  ])('$name reaches the wire with exactly these headers', async ({ shape, wantMethod, wantBody }) => {
    let seen: { method: string; headers: Record<string, string>; body: string; url: string } | undefined;
    server.use(
      http.all(`${API}/api/apps.test.json`, async ({ request }) => {
        seen = {
          method: request.method,
          headers: Object.fromEntries(request.headers),
          body: request.method === 'GET' ? '' : await request.text(),
          url: request.url,
        };
        return HttpResponse.json({ ok: true });
      }),
    );
    const { clock } = testApi();
    const req = buildRequest(API, 'apps.test.json', { shape, auth: 'bearer', idempotent: true }, { a: 1 }, TOKEN);
    await send(
      { fetch: (i, init) => globalThis.fetch(i, init), clock, signal: new AbortController().signal, userAgent: 'rosi/1.2.3 (os: darwin)', timeoutMs: 1000 },
      req,
    );
    expect(seen?.method).toBe(wantMethod);
    expect(seen?.body).toBe(wantBody);
    expect(seen?.url).toBe(shape === 'get' ? `${API}/api/apps.test.json?a=1` : `${API}/api/apps.test.json`);
    expect(seen?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(seen?.headers['user-agent']).toBe('rosi/1.2.3 (os: darwin)');
  });
});

interface ErrorCase {
  name: string;
  answer: () => Response;
  type: typeof ApiError | typeof ApiContractError;
  code: string;
  contains: string[];
}

// The official CLI's verify_errors contract (§1.3 step 6), run against every method.
const verifyErrors: ErrorCase[] = [
  {
    name: '{"ok":false,"error":"internal_error"}',
    answer: () => HttpResponse.json({ ok: false, error: 'internal_error' }),
    type: ApiError,
    code: 'internal_error',
    contains: ['internal_error'],
  },
  {
    name: 'body "{"',
    answer: () => new HttpResponse('{', { headers: { 'content-type': 'application/json' } }),
    type: ApiContractError,
    code: 'http_response_invalid',
    contains: ['http_response_invalid', 'not JSON'],
  },
  { name: '{"ok":false}', answer: () => HttpResponse.json({ ok: false }), type: ApiError, code: 'unknown_error', contains: ['unknown_error'] },
  {
    name: 'errors only',
    answer: () => HttpResponse.json({ ok: false, errors: [{ message: 'an err' }] }),
    type: ApiError,
    code: 'unknown_error',
    contains: ['an err'],
  },
  { name: 'HTTP 500', answer: () => httpStatus(500), type: ApiError, code: 'http_request_failed', contains: ['http_request_failed', '500'] },
];

describe.each(names)('verify_errors: %s', (method) => {
  it.each(verifyErrors)('$name → $code', async ({ answer, type, code, contains }) => {
    server.use(slackMethod(method, answer));
    const e = await failure(method);
    expect(e).toBeInstanceOf(type);
    expect((e as ApiError).code).toBe(code);
    const { text, exit } = rendered(e);
    for (const want of [...contains, method]) expect(text).toContain(want);
    expect(exit).toBe(ExitCode.failed);
  });
});

describe('response handling', () => {
  it.each([
    { name: '400 with a JSON error body is read, not discarded', status: 400, body: { ok: false, error: 'invalid_arguments' }, code: 'invalid_arguments' },
    { name: '404 with unknown_method', status: 404, body: { ok: false, error: 'unknown_method' }, code: 'unknown_method' },
    { name: '401 with invalid_auth (exit 4)', status: 401, body: { ok: false, error: 'invalid_auth' }, code: 'invalid_auth' },
    {
      name: '500 with a JSON error on a non-idempotent method',
      status: 500,
      body: { ok: false, error: 'internal_error' },
      code: 'internal_error',
      method: 'apps.hosted.exchangeAuthTicket' as const,
    },
    {
      name: '502 whose body says ok:true is still a failure',
      status: 502,
      body: { ok: true },
      code: 'http_request_failed',
      method: 'tooling.tokens.rotate' as const,
    },
    { name: '403 with a non-Slack JSON body', status: 403, body: { message: 'Forbidden' }, code: 'http_request_failed' },
  ])('$name → $code', async ({ status, body, code, method = 'auth.revoke' as Sampled }) => {
    server.use(slackMethod(method, () => HttpResponse.json(body, { status })));
    const e = await failure(method);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).slackError).toBe(code);
    expect((e as ApiError).status).toBe(status);
    expect(calls(method)).toHaveLength(1);
  });

  it('response_metadata.messages become details of the error', async () => {
    server.use(
      slackMethod('auth.test', () =>
        HttpResponse.json(
          { ok: false, error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] missing required field: app_id'] } },
          { status: 400 },
        ),
      ),
    );
    const e = (await failure('auth.test')) as ApiError;
    expect(e.details).toEqual(['[ERROR] missing required field: app_id']);
    expect(rendered(e).text).toContain('  - [ERROR] missing required field: app_id');
  });

  it('error details (errors[]) are rendered one per line', async () => {
    server.use(
      slackMethod('auth.test', () =>
        HttpResponse.json({
          ok: false,
          error: 'invalid_manifest',
          errors: [{ code: 'bad_field', message: 'is wrong', pointer: '/display_information/name', remediation: 'shorten it' }],
        }),
      ),
    );
    const { text } = rendered(await failure('auth.test'));
    expect(text).toContain('  - is wrong (bad_field) at /display_information/name — shorten it');
  });

  it('slack_cli_error_description replaces the catalogue message', async () => {
    server.use(slackError('auth.test', 'internal_error', { slack_cli_error_description: 'Try later, the platform is upgrading' }));
    expect(((await failure('auth.test')) as ApiError).message).toBe('Try later, the platform is upgrading');
  });

  it.each([
    { name: 'Retry-After past the cap, Slack envelope', answer: () => rateLimited('600') },
    { name: 'Retry-After past the cap, no envelope', answer: () => httpStatus(429, 'slow down', { 'retry-after': '600' }) },
  ])('$name → ratelimited, naming the wait, no retry', async ({ answer }) => {
    server.use(slackMethod('auth.test', answer));
    const { api, clock } = testApi();
    const e = (await failure('auth.test', api)) as ApiError;
    expect(e.slackError).toBe('ratelimited');
    expect(e.retryAfter).toBe(600);
    expect(e.hint).toContain('600 s');
    expect(rendered(e).text).toContain('ratelimited from auth.test');
    expect(calls('auth.test')).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });
});

describe('response schemas', () => {
  it.each([
    { name: 'auth.test without user_id', method: 'auth.test' as const, body: { ok: true, team_id: 'T1' }, field: 'user_id' },
    { name: 'rotate with an empty token', method: 'tooling.tokens.rotate' as const, body: { ok: true, token: '', refresh_token: 'xoxe-1-x' }, field: 'token' },
    { name: 'ticket of the wrong type', method: 'apps.hosted.generateAuthTicket' as const, body: { ok: true, ticket: 42 }, field: 'ticket' },
    { name: 'ok that is not a boolean', method: 'auth.test' as const, body: { ok: 'yes', team_id: 'T1', user_id: 'U1' }, field: 'ok' },
    { name: 'errors that is not a list', method: 'auth.test' as const, body: { ok: false, error: 'x', errors: 'nope' }, field: 'errors' },
    {
      name: 'warnings that are not strings',
      method: 'auth.test' as const,
      body: { ok: true, team_id: 'T1', user_id: 'U1', response_metadata: { warnings: [1] } },
      field: 'response_metadata.warnings.0',
    },
  ])('$name → ApiContractError naming $field', async ({ method, body, field }) => {
    server.use(slackMethod(method, () => HttpResponse.json(body)));
    const e = await failure(method);
    expect(e).toBeInstanceOf(ApiContractError);
    expect((e as ApiContractError).code).toBe('http_response_invalid');
    expect((e as ApiContractError).message).toContain(`${field}:`);
    expect((e as ApiContractError).message).toContain(method);
  });

  it.each([
    {
      name: 'an activity without a payload object',
      method: 'apps.activities.list' as const,
      body: { ok: true, activities: [{ payload: 'x' }] },
      field: 'activities.0.payload',
    },
    { name: 'an item that is not an object', method: 'apps.datastore.query' as const, body: { ok: true, items: [{ id: '1' }, 5] }, field: 'items.1' },
  ])('a listing page with $name → ApiContractError naming $field, as other answers', async ({ method, body, field }) => {
    server.use(slackMethod(method, () => HttpResponse.json(body)));
    const e = (await failure(method)) as ApiContractError;
    expect(e).toBeInstanceOf(ApiContractError);
    expect(e.message).toContain(`${field}:`);
  });

  it('a listing page comes back as the server wrote it: unknown fields and their order kept', async () => {
    const activity = { brand_new: 1, created: 5, payload: { log: 'x' }, level: 'info' };
    server.use(slackMethod('apps.activities.list', () => HttpResponse.json({ ok: true, activities: [activity] })));
    const page = await testApi().api.call('apps.activities.list', { app_id: 'A123' });
    expect(JSON.stringify(page.activities[0])).toBe(JSON.stringify(activity));
  });

  it('unknown response fields pass (schemas are loose)', async () => {
    server.use(slackMethod('auth.test', () => ({ team_id: 'T1', user_id: 'U1', brand_new_field: { x: 1 } })));
    await expect(testApi().api.call('auth.test', {})).resolves.toMatchObject({ team_id: 'T1', brand_new_field: { x: 1 } });
  });

  it('a 200 HTML page → ApiContractError "not JSON"', async () => {
    server.use(slackMethod('auth.test', () => httpStatus(200)));
    expect(((await failure('auth.test')) as Error).message).toBe('Unexpected response from auth.test: the body is not JSON');
  });
});

describe('warnings', () => {
  it.each([
    { name: 'top-level warning', body: { warning: 'missing_charset' }, want: ['missing_charset'] },
    {
      name: 'response_metadata.warnings',
      body: { response_metadata: { warnings: ['superfluous_charset', 'deprecated'] } },
      want: ['superfluous_charset', 'deprecated'],
    },
    { name: 'both', body: { warning: 'a', response_metadata: { warnings: ['b'] } }, want: ['a', 'b'] },
    { name: 'none', body: {}, want: [] },
  ])('$name → onWarning', async ({ body, want }) => {
    server.use(slackMethod('auth.test', () => ({ team_id: 'T1', user_id: 'U1', ...body })));
    const t = testApi();
    await t.api.call('auth.test', {});
    expect(t.warnings).toEqual(want.map((w) => ['auth.test', w]));
  });

  it('warnings on a failed call are reported too', async () => {
    server.use(slackError('auth.test', 'invalid_auth', { warning: 'deprecated_method' }));
    const t = testApi();
    await failure('auth.test', t.api);
    expect(t.warnings).toEqual([['auth.test', 'deprecated_method']]);
  });
});

describe('exit codes of Slack errors', () => {
  it.each([
    { code: 'invalid_auth', exit: ExitCode.auth },
    { code: 'token_expired', exit: ExitCode.auth },
    { code: 'token_revoked', exit: ExitCode.auth },
    { code: 'not_authed', exit: ExitCode.auth },
    { code: 'internal_error', exit: ExitCode.failed },
    { code: 'invalid_arguments', exit: ExitCode.failed },
    { code: 'ratelimited', exit: ExitCode.failed },
    { code: 'a_code_nobody_has_seen', exit: ExitCode.failed },
  ])('$code → exit $exit, in text and in --json', async ({ code, exit }) => {
    server.use(slackError('auth.revoke', code));
    const e = await failure('auth.revoke');
    expect(rendered(e).exit).toBe(exit);
    const json = JSON.parse(rendered(e, true).text) as { error: { code: string; method: string } };
    expect(json.error).toMatchObject({ code, method: 'auth.revoke' });
  });
});

describe('single-use methods are never resent blindly', () => {
  it.each([
    { method: 'apps.hosted.exchangeAuthTicket' as const, failure: 'HTTP 500', answer: () => httpStatus(500) },
    { method: 'apps.hosted.exchangeAuthTicket' as const, failure: 'network error', answer: () => HttpResponse.error() },
    { method: 'tooling.tokens.rotate' as const, failure: 'HTTP 500', answer: () => httpStatus(500) },
    { method: 'tooling.tokens.rotate' as const, failure: 'network error', answer: () => HttpResponse.error() },
    { method: 'tooling.tokens.rotate' as const, failure: 'HTTP 502', answer: () => httpStatus(502) },
  ])('$method after a $failure: exactly one call', async ({ method, answer }) => {
    server.use(
      slackMethod(
        method,
        inSequence(answer, () => samples[method].ok),
      ),
    );
    const { api, clock } = testApi();
    const e = await failure(method, api);
    expect((e as ApiError).code).toBe('http_request_failed');
    expect(calls(method)).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it.each(['apps.hosted.exchangeAuthTicket', 'tooling.tokens.rotate'] as const)('%s after 429 Retry-After: 2 → waits 2 s and resends', async (method) => {
    server.use(
      slackMethod(
        method,
        inSequence(
          () => rateLimited('2'),
          () => samples[method].ok,
        ),
      ),
    );
    const { api, clock } = testApi();
    await expect(callAny(api, method)).resolves.toMatchObject(samples[method].ok);
    expect(calls(method)).toHaveLength(2);
    expect(calls(method)[1]?.rawBody).toBe(calls(method)[0]?.rawBody);
    expect(clock.sleeps).toEqual([2000]);
  });

  it('onRetry hears of each resend: the status, or undefined for a network failure', async () => {
    server.use(
      slackMethod(
        'auth.test',
        inSequence(
          () => rateLimited('1'),
          () => HttpResponse.error(),
          () => samples['auth.test'].ok,
        ),
      ),
    );
    const { api } = testApi();
    const heard: (number | undefined)[] = [];
    await expect(api.call('auth.test', {}, { onRetry: (status) => heard.push(status) })).resolves.toMatchObject(samples['auth.test'].ok);
    expect(heard).toEqual([429, undefined]);
  });

  it.each(['auth.test', 'auth.revoke', 'apps.hosted.generateAuthTicket'] as const)('%s (idempotent) after a 500 → retried with backoff', async (method) => {
    server.use(
      slackMethod(
        method,
        inSequence(
          () => httpStatus(500),
          () => HttpResponse.error(),
          () => samples[method].ok,
        ),
      ),
    );
    const { api, clock } = testApi();
    await expect(callAny(api, method)).resolves.toMatchObject(samples[method].ok);
    expect(calls(method)).toHaveLength(3);
    expect(clock.sleeps).toEqual([375, 750]);
  });
});

describe('token refresh in SlackApi.call', () => {
  const OLD = 'xoxe.xoxp-1-old';
  const NEW = 'xoxe.xoxp-1-new';

  function provider(next: string | undefined | Error, withRefresh = true) {
    const refused: string[] = [];
    const tokens: TokenProvider = { token: async () => OLD };
    if (withRefresh) {
      tokens.refresh = async (t) => {
        refused.push(t);
        if (next instanceof Error) throw next;
        return next;
      };
    }
    return { tokens, refused };
  }

  interface RefreshCase {
    name: string;
    method?: 'auth.test' | 'tooling.tokens.rotate';
    answers: (() => Response | object)[];
    next?: string | undefined | Error;
    withRefresh?: boolean;
    explicit?: string;
    wantTokens: (string | undefined)[];
    wantRefused: string[];
    wantError?: string;
  }

  const refused = (code: string) => () => HttpResponse.json({ ok: false, error: code });
  const fine = () => samples['auth.test'].ok;

  it.each<RefreshCase>([
    {
      name: 'token_expired → refresh once, retry once with the new token',
      answers: [refused('token_expired'), fine],
      next: NEW,
      wantTokens: [OLD, NEW],
      wantRefused: [OLD],
    },
    {
      name: 'invalid_auth → refresh once, retry once with the new token',
      answers: [refused('invalid_auth'), fine],
      next: NEW,
      wantTokens: [OLD, NEW],
      wantRefused: [OLD],
    },
    {
      name: 'a second refusal is final',
      answers: [refused('token_expired'), refused('invalid_auth')],
      next: NEW,
      wantTokens: [OLD, NEW],
      wantRefused: [OLD],
      wantError: 'invalid_auth',
    },
    {
      name: 'a provider that cannot refresh (undefined) → the original error',
      answers: [refused('token_expired'), fine],
      next: undefined,
      wantTokens: [OLD],
      wantRefused: [OLD],
      wantError: 'token_expired',
    },
    {
      name: 'a provider without refresh → the original error',
      answers: [refused('invalid_auth'), fine],
      withRefresh: false,
      wantTokens: [OLD],
      wantRefused: [],
      wantError: 'invalid_auth',
    },
    {
      name: 'token_revoked is not refreshed',
      answers: [refused('token_revoked'), fine],
      next: NEW,
      wantTokens: [OLD],
      wantRefused: [],
      wantError: 'token_revoked',
    },
    { name: 'not_authed is not refreshed', answers: [refused('not_authed'), fine], next: NEW, wantTokens: [OLD], wantRefused: [], wantError: 'not_authed' },
    {
      name: 'an explicit token is never refreshed',
      answers: [refused('token_expired'), fine],
      next: NEW,
      explicit: 'xoxp-1-explicit',
      wantTokens: ['xoxp-1-explicit'],
      wantRefused: [],
      wantError: 'token_expired',
    },
    {
      name: 'a token-less method (rotate) is never refreshed',
      method: 'tooling.tokens.rotate',
      answers: [refused('invalid_auth'), fine],
      next: NEW,
      wantTokens: [undefined],
      wantRefused: [],
      wantError: 'invalid_auth',
    },
  ])('$name', async ({ method = 'auth.test', answers, next, withRefresh = true, explicit, wantTokens, wantRefused, wantError }) => {
    server.use(slackMethod(method, inSequence(...answers)));
    const p = provider(next, withRefresh);
    const { api } = testApi({ tokens: p.tokens });
    const result = (
      method === 'auth.test' ? api.call('auth.test', {}, explicit === undefined ? {} : { token: explicit }) : api.call(method, samples[method].params)
    ).catch((e: unknown) => e);
    const out = await result;
    if (wantError) expect((out as ApiError).slackError).toBe(wantError);
    else expect(out).toMatchObject(samples['auth.test'].ok);
    expect(calls(method).map((c) => c.params.token)).toEqual(wantTokens);
    expect(p.refused).toEqual(wantRefused);
  });

  it('a refresh that fails raises its own error (exit 4), with no second call', async () => {
    server.use(slackMethod('auth.test', inSequence(refused('token_expired'), fine)));
    const p = provider(new AuthError('token_rotation_error', 'Could not refresh'));
    const e = await testApi({ tokens: p.tokens })
      .api.call('auth.test', {})
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AuthError);
    expect(rendered(e).exit).toBe(ExitCode.auth);
    expect(calls('auth.test')).toHaveLength(1);
  });
});

describe('no token reaches the debug log', () => {
  const LEAK = /xox[a-z]?(?:\.xox[a-z])?-/;

  it('form token fields, tokens in response bodies and Bearer calls are redacted; secret bodies are absent', async () => {
    server.use(
      slackMethod(
        'auth.test',
        inSequence(
          () => ({ ...samples['auth.test'].ok, bot_token: 'xoxb-1-fixture', url: 'https://x.slack.com/' }),
          () => HttpResponse.json({ ok: false, error: 'invalid_auth', token: 'xoxp-1-echo' }),
        ),
      ),
      slackMethod('auth.revoke', () => samples['auth.revoke'].ok),
      slackMethod('apps.hosted.generateAuthTicket', () => ({ ticket: 'ticket-marker' })),
      slackMethod('apps.hosted.exchangeAuthTicket', () => ({ ...samples['apps.hosted.exchangeAuthTicket'].ok, team_name: 'exchange-response-marker' })),
      slackMethod('tooling.tokens.rotate', () => ({ ...samples['tooling.tokens.rotate'].ok, team_id: 'rotate-response-marker' })),
      http.all(`${API}/api/apps.test.json`, () => HttpResponse.json({ ok: true, token: 'xoxe.xoxp-1-in-json' })),
    );
    const t = testApi({ tokens: { token: async () => TOKEN } });
    await t.api.call('auth.test', {});
    await t.api.call('auth.test', {}, { token: 'xoxp-1-explicit' }).catch(() => undefined);
    await t.api.call('auth.revoke', {}, { token: 'xoxe-1-reffix' });
    await t.api.call('apps.hosted.generateAuthTicket', { slack_cli_version: 'v4.5' });
    await t.api.call('apps.hosted.exchangeAuthTicket', { challenge: 'challenge-marker', slack_cli_version: 'v4.5.0', ticket: 'ticket-marker' });
    await t.api.call('tooling.tokens.rotate', { refresh_token: 'xoxe-1-refmark' });
    const bearer = buildRequest(API, 'apps.test.json', { shape: 'json', auth: 'bearer', idempotent: true }, { token_hint: TOKEN }, TOKEN);
    await send(
      {
        fetch: (i, init) => globalThis.fetch(i, init),
        clock: t.clock,
        signal: new AbortController().signal,
        userAgent: 'rosi',
        timeoutMs: 1000,
        log: (l) => t.lines.push(l),
      },
      bearer,
    );

    expect(t.lines.length).toBeGreaterThanOrEqual(14);
    for (const line of t.lines) expect(line).not.toMatch(LEAK);
    expect(t.lines.find((l) => l.startsWith('→ POST') && l.includes('auth.test'))).toContain('token=[redacted]');
    const secret = t.lines.filter((l) => /exchangeAuthTicket|tooling\.tokens\.rotate/.test(l));
    expect(secret).toHaveLength(4);
    for (const line of secret) expect(line).toMatch(/^(→ POST https:\/\/slack\.test\/api\/[\w.]+|← 200 [\w.]+ \(\d+ ms\))$/);
    expect(t.lines.join('\n')).not.toMatch(/marker/);
  });

  it('with --verbose, the real context logs [http] lines to stderr without tokens', async () => {
    const h = createTestContext({ settings: { verbose: true } });
    try {
      server.use(slackMethod('auth.test', () => samples['auth.test'].ok));
      await (await h.ctx.rawApi(API)).call('auth.test', {}, { token: TOKEN });
      expect(h.stderr()).toContain('[http] → POST https://slack.test/api/auth.test token=[redacted]');
      expect(h.stderr()).not.toMatch(LEAK);
      expect(h.stdout()).toBe('');
    } finally {
      h.cleanup();
    }
  });
});
