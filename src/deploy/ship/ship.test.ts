import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { afterAll, describe, expect, it } from 'vitest';
import { testApi } from '../../../test/msw/api.js';
import { server } from '../../../test/msw/server.js';
import { calls, slackError, slackMethod } from '../../../test/msw/slack.js';
import type { CliError } from '../../errors/cli-error.js';
import { hostedManifest, shipApp, type ShipEvent, type ShipInput } from './ship.js';

const dir = mkdtempSync(join(tmpdir(), 'rosi-ship-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const zip = join(dir, 'app.zip');
writeFileSync(zip, 'PK fake zip bytes');

const UPLOAD = 'https://uploads.test/b';
const manifest = {
  display_information: { name: 'Hello' },
  oauth_config: { scopes: { bot: ['chat:write', 'datastore:read'] } },
  outgoing_domains: ['api.example.com'],
};

function platform(validate: Record<string, unknown> = { errors: [] }) {
  server.use(
    slackMethod('apps.manifest.validate', () => validate),
    slackMethod('apps.manifest.create', () => ({ app_id: 'A0NEWAPP01' })),
    slackMethod('apps.manifest.update', () => ({ app_id: 'A0OLDAPP01' })),
    slackMethod('apps.developerInstall', () => ({})),
    slackMethod('apps.hosted.generatePresignedPost', (p) => ({ url: UPLOAD, file_name: `${String(p.app_id)}-bundle.zip`, fields: { key: 'k', Policy: 'p' } })),
    slackMethod('apps.hosted.upload', () => ({})),
    http.post(UPLOAD, async ({ request }) => {
      await request.arrayBuffer();
      return new HttpResponse(null, { status: 204 });
    }),
  );
}

function input(over: Partial<ShipInput> = {}): ShipInput & { events: ShipEvent[] } {
  const { api, clock } = testApi();
  const events: ShipEvent[] = [];
  return {
    api,
    manifest,
    appId: undefined,
    archive: { path: zip, size: 17 },
    force: false,
    forceCommand: 'rosi deploy --force --apihost http://127.0.0.1:5810 --team T0TEAM0001',
    confirmBreaking: async () => {
      throw new Error('unexpected confirmation');
    },
    upload: { fetch: (i, init) => globalThis.fetch(i, init), clock, signal: new AbortController().signal, userAgent: 'rosi/test', timeoutMs: 5000 },
    onEvent: (e) => events.push(e),
    events,
    ...over,
  };
}

const order = () => calls().map((c) => c.method);

describe('shipApp', () => {
  it('first deploy: validate → create → install → presign → upload → hosted.upload', async () => {
    platform();
    const i = input();
    const r = await shipApp(i);
    expect(r).toEqual({ appId: 'A0NEWAPP01', created: true, s3Key: 'A0NEWAPP01-bundle.zip' });
    expect(order()).toEqual([
      'apps.manifest.validate',
      'apps.manifest.create',
      'apps.developerInstall',
      'apps.hosted.generatePresignedPost',
      'apps.hosted.upload',
    ]);
    expect(calls('apps.manifest.validate')[0]!.params).toEqual({ manifest });
    expect(calls('apps.developerInstall')[0]!.params).toEqual({
      app_id: 'A0NEWAPP01',
      bot_scopes: ['chat:write', 'datastore:read'],
      outgoing_domains: ['api.example.com'],
    });
    expect(calls('apps.hosted.upload')[0]!.params).toEqual({ app_id: 'A0NEWAPP01', s3_key: 'A0NEWAPP01-bundle.zip', runtime: 'deno' });
    expect(calls('apps.manifest.create')[0]!.headers.authorization).toMatch(/^Bearer /);
    expect(i.events.map((e) => e.phase)).toEqual(['validate', 'create', 'install', 'presign', 'upload', 'finalize']);
  });

  it('redeploy: validate with app_id, update consenting to breaking changes', async () => {
    platform();
    await shipApp(input({ appId: 'A0OLDAPP01' }));
    expect(order()).toEqual([
      'apps.manifest.validate',
      'apps.manifest.update',
      'apps.developerInstall',
      'apps.hosted.generatePresignedPost',
      'apps.hosted.upload',
    ]);
    expect(calls('apps.manifest.validate')[0]!.params.app_id).toBe('A0OLDAPP01');
    expect(calls('apps.manifest.update')[0]!.params).toEqual({ manifest, app_id: 'A0OLDAPP01', consent_breaking_changes: true });
  });

  const breaking = { errors: [], warnings: [{ code: 'breaking_change', message: 'Required properties removed', pointer: '/functions/x' }] };

  it('breaking changes: declined → cancelled, nothing changed', async () => {
    platform(breaking);
    const e = await shipApp(input({ appId: 'A0OLDAPP01', confirmBreaking: async () => false })).catch((x: unknown) => x);
    expect((e as CliError).exitCode).toBe(130);
    expect((e as CliError).hint).toBe('To accept them: rosi deploy --force --apihost http://127.0.0.1:5810 --team T0TEAM0001');
    expect(order()).toEqual(['apps.manifest.validate']);
  });

  it('breaking changes with --force: no question, force_update sent', async () => {
    platform(breaking);
    await shipApp(input({ appId: 'A0OLDAPP01', force: true }));
    expect(calls('apps.manifest.update')[0]!.params.force_update).toBe(true);
  });

  it('schema_compatibility_error asks for --force with the whole command, host and team included', async () => {
    server.use(
      slackMethod('apps.manifest.validate', () =>
        Response.json({
          ok: false,
          error: 'invalid_manifest',
          errors: [{ message: 'schema_compatibility_error: Following datastore(s) will be deleted after the deploy: tasks' }],
        }),
      ),
    );
    const e = await shipApp(input({ appId: 'A0OLDAPP01' })).catch((x: unknown) => x);
    expect((e as CliError).code).toBe('schema_compatibility_error');
    expect((e as CliError).message).toContain('tasks');
    expect((e as CliError).hint).toBe('If that is what you want, run: rosi deploy --force --apihost http://127.0.0.1:5810 --team T0TEAM0001');
  });

  describe('create bookkeeping', () => {
    function hooks() {
      const seen: string[] = [];
      return {
        seen,
        creating: {
          before: async () => void seen.push('before'),
          created: async (id: string) => void seen.push(`created ${id}`),
          refused: async () => void seen.push('refused'),
        },
      };
    }

    it('the app is reported as created before anything else can fail', async () => {
      platform();
      server.use(slackError('apps.developerInstall', 'invalid_scopes'));
      const h = hooks();
      await expect(shipApp(input({ creating: h.creating }))).rejects.toMatchObject({ code: 'invalid_scopes' });
      expect(h.seen).toEqual(['before', 'created A0NEWAPP01']);
    });

    it.each([
      { name: 'ok:false on a 200 → refused', answer: () => HttpResponse.json({ ok: false, error: 'invalid_manifest' }), seen: ['before', 'refused'] },
      {
        name: 'a 500 after it may have run → unknown, nothing cleared',
        answer: () => HttpResponse.json({ ok: false, error: 'internal_error' }, { status: 500 }),
        seen: ['before'],
      },
      { name: 'internal_error on a 200 → unknown', answer: () => HttpResponse.json({ ok: false, error: 'internal_error' }), seen: ['before'] },
      { name: 'a lost answer → unknown', answer: () => HttpResponse.error(), seen: ['before'] },
    ])('create fails: $name', async ({ answer, seen }) => {
      platform();
      server.use(slackMethod('apps.manifest.create', answer));
      const h = hooks();
      await expect(shipApp(input({ creating: h.creating }))).rejects.toBeDefined();
      expect(h.seen).toEqual(seen);
      expect(calls('apps.manifest.create')).toHaveLength(1);
    });
  });

  it('hostedManifest points interactivity and events at the API host', () => {
    expect(hostedManifest({ settings: { org_deploy_enabled: true } }, 'https://slack.com').settings).toEqual({
      org_deploy_enabled: true,
      function_runtime: 'slack',
      interactivity: { is_enabled: true, request_url: 'https://slack.com', message_menu_options_url: 'https://slack.com' },
      event_subscriptions: { request_url: 'https://slack.com' },
    });
  });
});
