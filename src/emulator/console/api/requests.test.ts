import { describe, expect, it } from 'vitest';
import { createApp, deployableZip, s3Body, type Presign } from '../../../../test/helpers/hosting.js';
import { useInProcessEmulator, type Json } from '../../../../test/helpers/in-process-emulator.js';
import { sdkForm, triggersApp, webhookDef } from '../../../../test/helpers/triggers.js';

const emu = useInProcessEmulator();
const consoleGet = async (path: string) => {
  const res = await fetch(`${emu().url}/__console/api/${path}`);
  return { status: res.status, body: (await res.json()) as Json };
};
interface Summary {
  seq: number;
  method: string;
  caller: { kind: string; label: string };
  ok: boolean;
  error?: string;
  status: number;
}
const calls = async (query = '') => (await consoleGet(`requests?limit=500${query}`)).body.calls as Summary[];
/** Everything the inspector shows: every listing and every call's detail, as one text. */
const everything = async () => {
  const list = await calls();
  const details = await Promise.all(list.map(async (c) => JSON.stringify((await consoleGet(`requests/${c.seq}`)).body)));
  return JSON.stringify(list) + details.join('\n');
};

describe('the request inspector over the real server', () => {
  it('keeps no secret of any method rosi calls, and names every caller', async () => {
    const e = emu();
    const secrets: string[] = [];
    const keep = (v: unknown) => {
      if (typeof v === 'string' && v !== '') secrets.push(v);
      return v;
    };
    // Login: the ticket, the challenge, the token and the refresh token.
    const { ticket } = await e.form('apps.hosted.generateAuthTicket', { slack_cli_version: 'v4.5' });
    keep(ticket);
    const { body } = await e.control('approve', { ticket });
    keep(body.challenge);
    const login = await e.form('apps.hosted.exchangeAuthTicket', { challenge: String(body.challenge), slack_cli_version: 'v4.5.0', ticket: String(ticket) });
    const token = String(keep(login.token));
    keep(login.refresh_token);
    const rotated = await e.form('tooling.tokens.rotate', { refresh_token: String(login.refresh_token) });
    const fresh = String(keep(rotated.token));
    keep(rotated.refresh_token);
    await e.form('auth.test', { token: fresh });
    // An app: its credentials, its bot token, a presigned POST's fields, a hosted variable, a webhook URL's secret.
    const created = await e.json('apps.manifest.create', { manifest: (await import('../../../../test/helpers/hosting.js')).hostedManifest() }, fresh);
    const appId = String(created.app_id);
    for (const v of Object.values(created.credentials as Json)) if (v !== (created.credentials as Json).client_id) keep(v);
    const install = await e.json('apps.developerInstall', { app_id: appId, bot_scopes: ['commands'] }, fresh);
    const bot = String(keep((install.api_access_tokens as Json).bot));
    const presign = (await e.json('apps.hosted.generatePresignedPost', { app_id: appId }, fresh)) as unknown as Presign & Json;
    for (const [k, v] of Object.entries(presign.fields)) if (k !== 'key' && k !== 'X-Amz-Algorithm' && k !== 'X-Amz-Date') keep(v);
    await fetch(presign.url, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=b0undary' },
      body: new Uint8Array(s3Body(presign, await deployableZip())),
    });
    await e.json('apps.hosted.variables.add', { app_id: appId, variables: [{ name: 'API_KEY', value: keep('Sup3r-s3cret-VALUE') }] }, fresh);
    await sdkForm(e, 'apps.hosted.variables.add', { app_id: appId, variables: [{ name: 'DB_URL', value: keep('postgres://pw@db') }] }, fresh);
    const trigger = await e.json('workflows.triggers.create', { ...webhookDef(), workflow: '#/workflows/new_task', inputs: {}, workflow_app_id: appId }, fresh);
    const webhook = String((trigger.trigger as Json | undefined)?.webhook_url ?? '');
    expect(webhook).toMatch(/\/triggers\/T0EMULATOR\/Ft/);
    keep(webhook.split('/').at(-1));
    await e.json('auth.test', {}, bot);
    await e.json('auth.test', {}, 'xoxp-never-issued');
    await e.json('auth.test', {});
    await e.form('auth.revoke', { token });

    const shown = await everything();
    // The upload to the emulator's S3 is no Web API call: it is not listed.
    expect((await calls()).every((c) => /^[a-z]+(\.[A-Za-z]+)+$/.test(c.method))).toBe(true);
    expect(secrets.length).toBeGreaterThan(12);
    for (const s of secrets) expect(shown, `a secret of ${s.length} characters`).not.toContain(s);
    expect(shown).not.toMatch(/xox[a-z]-|xoxe|xwfp-|xapp-/);

    const byMethod = (m: string) => calls(`&method=${m}`);
    const [add] = await byMethod('apps.hosted.variables.add');
    const detail = (await consoleGet(`requests/${add?.seq}`)).body.call as Json;
    expect(detail.params).toEqual({ app_id: appId, variables: '[redacted]' });
    const [jsonAdd] = (await byMethod('apps.hosted.variables.add')).slice(-1);
    expect(((await consoleGet(`requests/${jsonAdd?.seq}`)).body.call as Json).params).toEqual({
      app_id: appId,
      variables: [{ name: 'API_KEY', value: '[redacted]' }],
    });
    const tests = await byMethod('auth.test');
    expect(tests.map((c) => c.caller.label)).toEqual(['no token', 'invalid token', `app ${appId} bot (Tasks)`, 'user U0EMULATOR (developer)']);
    expect(tests.slice(0, 2).map((c) => c.error)).toEqual(['not_authed', 'invalid_auth']);
    expect((await byMethod('auth.revoke'))[0]?.caller.label).toBe('user U0EMULATOR (developer), revoked token');
  });

  it('records Web API calls only: not the console’s or the control endpoints’', async () => {
    const e = emu();
    const { token } = await createApp(e);
    await e.control('calls');
    await consoleGet('overview');
    const methods = (await calls()).map((c) => c.method);
    expect(methods).toEqual(['apps.manifest.create', 'apps.hosted.exchangeAuthTicket', 'apps.hosted.generateAuthTicket']);
    expect(token).not.toBe('');
  });

  it('filters, pages by keyset, and shows one call', async () => {
    const e = emu();
    const { token, appId } = await createApp(e);
    for (let i = 0; i < 5; i++) await e.json('apps.datastore.put', { app_id: appId, datastore: 'tasks', item: { id: `t${i}` } }, token);
    await e.json('apps.datastore.get', { app_id: appId, datastore: 'nope', id: 'x' }, token);
    const puts = await calls('&method=datastore.PUT');
    expect(puts).toHaveLength(5);
    expect(await calls('&status=error')).toEqual([expect.objectContaining({ method: 'apps.datastore.get', ok: false })]);
    const code = String((await calls('&status=error'))[0]?.error);
    expect(await calls(`&status=${code}`)).toHaveLength(1);
    expect(await calls('&caller=developer&method=datastore')).toHaveLength(6);
    expect(await calls('&caller=nobody')).toEqual([]);
    const first = (await consoleGet('requests?method=datastore&limit=4')).body;
    expect((first.calls as Summary[]).map((c) => c.method)).toEqual(['apps.datastore.get', 'apps.datastore.put', 'apps.datastore.put', 'apps.datastore.put']);
    const second = (await consoleGet(`requests?method=datastore&limit=4&before=${first.next_before}`)).body;
    expect(second).toMatchObject({ next_before: null });
    expect(second.calls).toHaveLength(2);
    const one = (await consoleGet(`requests/${puts[0]?.seq}`)).body.call as Json;
    expect(one).toMatchObject({ method: 'apps.datastore.put', params: { app_id: appId, datastore: 'tasks', item: { id: 't4' } }, answer: { ok: true } });
    expect(one).not.toHaveProperty('bytes');
  });

  it.each([
    { path: 'requests?limit=0', status: 400, error: 'invalid_query', message: 'limit="0" is not a whole number from 1 to 500.' },
    { path: 'requests?before=x', status: 400, error: 'invalid_query', message: 'before="x" is not a whole number from 1 to 9,007,199,254,740,991.' },
    { path: 'requests?status=Not%20a%20code', status: 400, error: 'invalid_query', message: 'status="Not a code" is not a call status.' },
    { path: 'requests/abc', status: 400, error: 'invalid_path', message: '"abc" is not a call number.' },
    { path: 'requests/99', status: 404, error: 'not_found', message: 'There is no call #99 in the request inspector.' },
    { path: 'overview?apps_after=%3Cscript%3E', status: 400, error: 'invalid_query', message: 'apps_after="<script>" is not an app ID.' },
  ])('answers $path with a problem: $error', async ({ path, status, error, message }) => {
    const r = await consoleGet(path);
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject({ error, message, hint: expect.any(String) });
  });
});

describe('GET /__console/api/overview', () => {
  it('lists the team, the user and the apps with their owner and last deploy, and how to log in', async () => {
    const e = emu();
    const { appId } = await triggersApp(e);
    const { body } = await consoleGet('overview');
    expect(body.emulator).toEqual({
      origin: e.url,
      team_id: 'T0EMULATOR',
      login_command: `rosi login --apihost ${e.url}`,
      approve_url: `${e.url}/approve`,
    });
    expect(body.teams).toEqual([{ id: 'T0EMULATOR', domain: 'emulator', name: 'Emulator Workspace' }]);
    expect(body.users).toEqual([{ id: 'U0EMULATOR', team_id: 'T0EMULATOR', name: 'developer' }]);
    expect(body.apps).toEqual([
      {
        id: appId,
        name: 'Tasks',
        team_id: 'T0EMULATOR',
        team_name: 'Emulator Workspace',
        owner_id: 'U0EMULATOR',
        owner_name: 'developer',
        created_at: expect.any(Number),
        last_deploy: null,
      },
    ]);
    expect(body.apps_next).toBeNull();
  });
});

describe('GET /__console/api/overview, many apps', () => {
  it('pages the apps by ID, 50 at a time', async () => {
    const e = emu();
    const { token } = await createApp(e);
    for (let i = 0; i < 55; i++) {
      const r = await e.json('apps.manifest.create', { manifest: { display_information: { name: `App ${i}` } } }, token);
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
    const first = (await consoleGet('overview')).body;
    const ids = (first.apps as { id: string }[]).map((a) => a.id);
    expect(ids).toHaveLength(50);
    expect([...ids].sort()).toEqual(ids);
    expect(first.apps_next).toBe(ids.at(-1));
    const second = (await consoleGet(`overview?apps_after=${String(first.apps_next)}`)).body;
    expect(second.apps).toHaveLength(6);
    expect(second.apps_next).toBeNull();
    expect((second.apps as { id: string }[])[0]!.id > ids.at(-1)!).toBe(true);
  });
});
