import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consolePage, expectAccessible, launchChromium } from '../helpers/browser.js';
import { control, SEEDED_APP, startEmulator, startSeededEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';
import { describeWith } from '../helpers/system-tools.js';

let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu?.stop();
});

async function tokenOf(): Promise<string> {
  const html = await (await fetch(emu.url)).text();
  return /<meta name="rosi-console-token" content="([^"]+)">/.exec(html)?.[1] ?? '';
}

describe('the console over HTTP', () => {
  it('serves its shell at every page path, with its own assets and a strict policy', async () => {
    for (const path of ['/', '/messages', '/apps/A0EMULATOR1', '/apps/A0EMULATOR1/activity']) {
      const res = await fetch(`${emu.url}${path}`);
      const html = await res.text();
      expect(res.headers.get('content-type'), path).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(html).toContain('<script type="module" src="/__console/assets/console.js"></script>');
    }
    const js = await fetch(`${emu.url}/__console/assets/console.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetch(`${emu.url}/__console/assets/console.css`)).status).toBe(200);
    const escape = await fetch(`${emu.url}/__console/assets/..%2Fmain.cjs`);
    expect(escape.status).toBe(404);
  });

  it('answers an app that is not there with 404, and the page still draws', async () => {
    const res = await fetch(`${emu.url}/apps/A0NOPE`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('console.js');
  });

  it('keeps the approval page at /approve', async () => {
    const html = await (await fetch(`${emu.url}/approve`)).text();
    expect(html).toContain('Slash command');
  });

  it('refuses a write from another origin, without the token, or as a form', async () => {
    const token = await tokenOf();
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const post = (headers: Record<string, string>) => fetch(`${emu.url}/__console/api/anything`, { method: 'POST', headers, body: '{}' });
    const json = { 'content-type': 'application/json' };
    const crossSite = await post({ ...json, 'x-rosi-console-token': token, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ error: 'forbidden', message: expect.stringContaining('another site') });
    expect((await post({ ...json, 'x-rosi-console-token': token, origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(json)).status).toBe(403);
    expect((await post({ ...json, 'x-rosi-console-token': 'wrong' })).status).toBe(403);
    expect((await post({ 'content-type': 'application/x-www-form-urlencoded', 'x-rosi-console-token': token })).status).toBe(415);
    const unknown = await post({ ...json, 'x-rosi-console-token': token });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'not_found' });
  });

  it('is served only under this emulator’s own names (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const u = new URL(emu.url);
      request({ host: u.hostname, port: u.port, path: '/', headers: { host: `attacker.example:${u.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(403);
  });

  it('opens the live channel as an event stream', async () => {
    const ctl = new AbortController();
    const res = await fetch(`${emu.url}/__console/events`, { signal: ctl.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain(': connected');
    ctl.abort();
  });
});

describeWith(['chromium'], 'the console in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('draws the frame, connects the live channel, and passes the accessibility checks', async () => {
    const { page, done } = await consolePage(browser, emu.url);
    await page.goto(emu.url);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Overview');
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Messages' }).click();
    await page.getByRole('heading', { level: 1, name: 'Messages' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/messages');
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.goto(`${emu.url}/apps/A0EMULATOR1/nothing/here`);
    await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    await done();
  });
});

describeWith(['chromium'], 'a page on another origin against the console', () => {
  let browser: Browser;
  let seeded: EmulatorHandle;
  let attacker: Server;
  let attackerUrl: string;
  let home: string;
  let cleanup: () => void;
  const refused: string[] = [];

  beforeAll(async () => {
    ({ home, cleanup } = tempHome());
    seeded = await startSeededEmulator(home, {
      display_information: { name: 'Target' },
      settings: { function_runtime: 'slack' },
      datastores: { tasks: { primary_key: 'id', attributes: { id: { type: 'string' } } } },
    });
    const target = `${seeded.url}/__console/api/apps/${SEEDED_APP}/datastores/tasks`;
    // The page a user might have open in another tab: it tries every way a browser lets a page post elsewhere.
    const html = `<!doctype html><html lang="en"><title>elsewhere</title><body>
<form id="f" method="post" enctype="text/plain" action="${target}/import"><input name='{"id":"from-form","x":"' value='"}'></form>
<script>
fetch(${JSON.stringify(`${target}/import`)}, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{"id":"from-fetch"}\\n' })
  .catch(() => {})
  .finally(() => { document.title = 'fetched'; document.getElementById('f').submit(); });
</script></body></html>`;
    attacker = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    attacker?.close();
    await seeded?.stop();
    cleanup?.();
  });

  it('cannot change anything: its fetch and its form are refused, and the datastore stays empty', async () => {
    const page = await browser.newPage();
    page.on('response', (r) => {
      if (r.url().startsWith(seeded.url)) refused.push(`${r.request().method()} ${r.status()}`);
    });
    await page.goto(attackerUrl);
    await page.waitForURL((u) => u.href.startsWith(seeded.url), { timeout: 10_000 });
    await page.close();
    expect(refused).toContain('POST 403');
    expect(refused.every((r) => r === 'POST 403')).toBe(true);
    const stored = await control<{ count: number }>(seeded, `datastore?app_id=${SEEDED_APP}&datastore=tasks`);
    expect(stored.count).toBe(0);
  });
});

/** An address of this machine that is not loopback, when it has one. */
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a?.family === 'IPv4' && !a.internal)?.address;

describe('the console beyond loopback', () => {
  it.skipIf(lanAddress === undefined)('answers the API to the network but the console only to this machine, naming the tunnel', async () => {
    const lan = await startEmulator(['--in-memory', '--host', '0.0.0.0']);
    try {
      const port = new URL(lan.url).port;
      const api = await fetch(`http://${lanAddress}:${port}/api/auth.test`, { method: 'POST' });
      expect(await api.json()).toMatchObject({ ok: false, error: 'not_authed' });
      const refused = await fetch(`http://${lanAddress}:${port}/`);
      expect(refused.status).toBe(403);
      const body = (await refused.json()) as { error: string; hint: string };
      expect(body.error).toBe('console_local_only');
      expect(body.hint).toContain(`ssh -L ${port}:127.0.0.1:${port} ${hostname()}, then http://127.0.0.1:${port}/`);
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    } finally {
      await lan.stop();
    }
  });
});
