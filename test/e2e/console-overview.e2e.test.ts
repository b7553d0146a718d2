import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { consolePage, expectAccessible, launchChromium, screenshot } from '../helpers/browser.js';
import { readCredentials } from '../helpers/credentials.js';
import { runRosi, sampleApp, type EmulatorHandle } from '../helpers/e2e.js';
import { describeWith } from '../helpers/system-tools.js';
import { useLoggedInEmulator } from './login-helpers.js';

// The overview page against the built emulator: the app rosi deployed, and the request inspector watching
// rosi's calls live, with every secret kept off the page.
const ENV_VALUE = 'Sup3r-s3cret-VALUE-overview';

let emu: EmulatorHandle;
let home: string;
useLoggedInEmulator((s) => ({ emu, home } = s));

describeWith(['chromium'], 'the overview page in a browser', () => {
  let browser: Browser;
  let app: string;
  let appId: string;
  beforeAll(async () => {
    browser = await launchChromium();
    app = sampleApp(home, 'hello');
    const deployed = await runRosi(['deploy', '--json'], { home, cwd: app, timeoutMs: 60_000 });
    expect(deployed.code, deployed.stderr).toBe(0);
    appId = (JSON.parse(deployed.stdout) as { app_id: string }).app_id;
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** Every response body the page read: its HTML, its scripts and every JSON answer. */
  function recordBodies(page: Page): string[] {
    const bodies: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/__console/events')) return;
      void r.text().then(
        (t) => bodies.push(t),
        () => undefined,
      );
    });
    return bodies;
  }

  const row = (page: Page, method: string, caller: RegExp | string) =>
    page
      .locator('table.requests tbody tr')
      .filter({ has: page.getByRole('button', { name: method, exact: true }) })
      .filter({ hasText: caller });

  it('shows the team, the user and the deployed app; rosi’s calls appear live, filter, pause, and keep secrets off the page', async () => {
    const { page, done } = await consolePage(browser, emu.url);
    const bodies = recordBodies(page);
    await page.goto(emu.url);
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();

    // The overview: the app rosi deployed, linked to its page, the team and the user who logged in.
    const apps = page.getByRole('region', { name: 'Apps' });
    await apps.getByRole('link', { name: 'Hello Rosi' }).waitFor();
    await expect(apps.getByRole('link', { name: 'Hello Rosi' }).getAttribute('href')).resolves.toBe(`/apps/${appId}`);
    await expect(apps.getByRole('row').filter({ hasText: appId }).textContent()).resolves.toMatch(/Emulator Workspace.*developer.*version 1/);
    const people = page.getByRole('region', { name: 'Teams and users' });
    await expect(people.textContent()).resolves.toMatch(new RegExp(`Emulator Workspace.*${emu.teamId}.*developer.*U0EMULATOR`));
    await expect(page.getByRole('region', { name: 'How to use this emulator' }).textContent()).resolves.toContain(`rosi login --apihost ${emu.url}`);
    // What the deploy called is already there.
    await row(page, 'apps.hosted.upload', 'user U0EMULATOR (developer)').waitFor();

    // CLI commands run while the page is open appear at once, with their caller.
    const put = await runRosi(['datastore', 'put', '--datastore', 'tasks', '--item', '{"id": "t1", "title": "From the CLI"}'], { home, cwd: app });
    expect(put.code, put.stderr).toBe(0);
    await row(page, 'apps.datastore.put', 'user U0EMULATOR (developer)').waitFor({ timeout: 5_000 });
    const env = await runRosi(['env', 'add', 'API_KEY', ENV_VALUE, '--app', appId], { home });
    expect(env.code, env.stderr).toBe(0);
    const add = row(page, 'apps.hosted.variables.add', 'user U0EMULATOR (developer)');
    await add.waitFor({ timeout: 5_000 });

    // The details: the parameters with the value redacted, the answer.
    await add.getByRole('button', { name: 'apps.hosted.variables.add' }).click();
    const detail = page.getByRole('region', { name: /^Call #\d+$/ });
    await detail.getByLabel(/^Parameters of call/).waitFor();
    const params = JSON.parse((await detail.getByLabel(/^Parameters of call/).textContent()) ?? '') as unknown;
    expect(params).toEqual({ app_id: appId, variables: [{ name: 'API_KEY', value: '[redacted]' }] });
    await expectAccessible(page);
    await screenshot(page, 'overview');
    await detail.getByRole('button', { name: 'Close details' }).click();

    // A call without a token, and the filters.
    await fetch(`${emu.url}/api/auth.test`, { method: 'POST' });
    await row(page, 'auth.test', 'no token').waitFor();
    const rows = page.locator('table.requests tbody tr');
    await page.getByLabel('Method').fill('datastore');
    await expect.poll(async () => (await rows.allTextContents()).every((t) => t.includes('apps.datastore.'))).toBe(true);
    await page.getByLabel('Method').fill('');
    await page.getByLabel('Result').selectOption('error');
    await expect.poll(async () => rows.allTextContents()).toEqual([expect.stringMatching(/auth\.test.*no token.*✗ not_authed/)]);
    await page.getByLabel('Result').selectOption('');
    await page.getByLabel('Error code').fill('not_authed');
    await expect.poll(async () => rows.count()).toBe(1);
    await page.getByLabel('Error code').fill('');
    await page.getByLabel('Caller').fill('developer');
    await expect.poll(async () => (await rows.allTextContents()).every((t) => t.includes('developer'))).toBe(true);
    await page.getByLabel('Caller').fill('');
    await expect.poll(async () => (await rows.allTextContents()).some((t) => t.includes('no token'))).toBe(true);

    // Paused, new calls wait (and are counted) until resumed.
    const before = await rows.count();
    await page.getByRole('button', { name: 'Pause' }).click();
    await fetch(`${emu.url}/api/auth.test`, { method: 'POST' });
    await page.getByRole('status').filter({ hasText: 'Paused: 1 new call waiting.' }).waitFor();
    expect(await rows.count()).toBe(before);
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(async () => rows.count()).toBe(before + 1);

    // Nothing the page read holds a token, a refresh token or the variable's value.
    const creds = Object.values(readCredentials(home));
    const secrets = [ENV_VALUE, ...creds.flatMap((c) => [c.token, c.refresh_token ?? ''])].filter((s) => s !== '');
    expect(secrets.length).toBeGreaterThanOrEqual(2);
    const seen = [...bodies, await page.content()].join('\n');
    expect(bodies.length).toBeGreaterThan(5);
    for (const s of secrets) expect(seen).not.toContain(s);
    expect(seen).not.toMatch(/xoxp-|xoxb-|xoxe|xwfp-/);
    await done();
  }, 60_000);
});
