import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consolePage, expectAccessible, launchChromium } from '../helpers/browser.js';
import { startEmulator, type EmulatorHandle } from '../helpers/e2e.js';
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
