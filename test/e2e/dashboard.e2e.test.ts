import { describe, expect, it } from 'vitest';
import { control, runRosi, sampleApp, type EmulatorHandle } from '../helpers/e2e.js';
import { useLoggedInEmulator } from './login-helpers.js';

let emu: EmulatorHandle;
let home: string;
useLoggedInEmulator((s) => ({ emu, home } = s));

async function page(url: string): Promise<{ status: number; type: string | null; html: string }> {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type'), html: await res.text() };
}

describe('the dashboard page rosi deploy prints', () => {
  it('shows the deployed app, its deployments and its datastores', async () => {
    const app = sampleApp(home, 'hello');
    for (let i = 0; i < 2; i++) expect((await runRosi(['deploy'], { home, cwd: app, timeoutMs: 60_000 })).code).toBe(0);
    const r = await runRosi(['deploy'], { home, cwd: app, timeoutMs: 60_000 });
    const url = /Dashboard\s+(\S+)/.exec(r.stdout)?.[1];
    expect(url, r.stdout).toMatch(new RegExp(`^${emu.url}/apps/A[A-Z0-9]+$`));
    const appId = url!.split('/').pop()!;
    const put = await runRosi(['datastore', 'put', '--datastore', 'tasks', '--app', appId, '{"item":{"id":"t1","title":"first"}}'], { home, cwd: app });
    expect(put.code, put.stderr).toBe(0);

    const p = await page(url!);
    expect(p.status).toBe(200);
    expect(p.type).toBe('text/html; charset=utf-8');
    expect(p.html).toContain('<h1 data-testid="app-name">Hello Rosi</h1>');
    expect(p.html).toContain(`<code data-testid="app-id">${appId}</code>`);
    expect(p.html).toContain(`Emulator Workspace <span class="muted">${emu.teamId}</span>`);
    const versions = [...p.html.matchAll(/<tr><td>(\d+)<\/td><td>\d{4}-\d\d-\d\dT[\d:]+Z<\/td><td>developer<\/td>/g)].map((m) => Number(m[1]));
    expect(versions).toEqual([3, 2, 1]);
    expect(p.html).toMatch(/<tr><td><code>tasks<\/code><\/td><td>id<\/td><td>[^<]*id <span class="muted">string<\/span>.*<\/td><td>1<\/td><\/tr>/);
  });

  it('escapes every value the manifest brings', async () => {
    const { token } = await control<{ token: string }>(emu, 'seed', { user_id: 'U0HOSTILE01' });
    const hostile = '<img src=x onerror=alert(1)>';
    const manifest = {
      display_information: { name: hostile },
      datastores: { ['"><script>x()</script>']: { primary_key: '<b>id', attributes: { '<b>id': { type: 'string' }, '&amp;<i>': { type: 'string' } } } },
    };
    const res = await fetch(`${emu.url}/api/apps.manifest.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ manifest }),
    });
    const created = (await res.json()) as { ok: boolean; app_id: string };
    expect(created.ok, JSON.stringify(created)).toBe(true);
    const p = await page(`${emu.url}/apps/${created.app_id}`);
    expect(p.status).toBe(200);
    expect(p.html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(p.html).not.toMatch(/<img|<script>x|<b>|<i>/);
    expect(p.html).toContain('&#38;amp;');
  });

  it('answers an unknown app with a 404 page naming it, escaped', async () => {
    const p = await page(`${emu.url}/apps/%3Cb%3EA0NOPE`);
    expect(p.status).toBe(404);
    expect(p.type).toBe('text/html; charset=utf-8');
    expect(p.html).toContain('This emulator has no app <code>&#60;b&#62;A0NOPE</code>');
  });
});
