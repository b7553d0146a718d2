import { describe, expect, it } from 'vitest';
import { runRosi, sampleApp, type EmulatorHandle } from '../helpers/e2e.js';
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
    expect(p.html).toContain('/__console/assets/console.js');
  });

  it('answers an unknown app with 404', async () => {
    const p = await page(`${emu.url}/apps/%3Cb%3EA0NOPE`);
    expect(p.status).toBe(404);
    expect(p.type).toBe('text/html; charset=utf-8');
    expect(p.html).not.toContain('<b>');
  });
});
