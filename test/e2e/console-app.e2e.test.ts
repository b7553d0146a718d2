import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { consolePage, expectAccessible, launchChromium, screenshot } from '../helpers/browser.js';
import { control, runRosi } from '../helpers/e2e.js';
import { describeWith } from '../helpers/system-tools.js';
import { useDeployedApps } from './deployed-app.js';
import { deploySample, json } from './trigger-helpers.js';

// The app page (/apps/<id>, the dashboard URL rosi deploy prints) in real Chromium, over the sample app deployed with
// the built CLI and run in real Deno: what it shows, what it never shows, and firing a trigger from it.

const apps = useDeployedApps();
/** A hosted variable's value: set on the app, never on the page. */
const VALUE = 'value-must-not-show-5b8e1d';

describeWith(['chromium', 'deno'], 'the app page', () => {
  let browser: Browser;
  let sample: { dir: string; appId: string };
  let webhookUrl: string;
  const rosi = (args: string[]) => runRosi(args, { home: apps.home, cwd: sample.dir, env: { TZ: 'UTC' }, timeoutMs: 60_000 });

  beforeAll(async () => {
    browser = await launchChromium();
    sample = await deploySample(apps.home, 'console-app');
    webhookUrl = json<{ webhook_url: string }>(await rosi(['trigger', 'create', '--trigger-def', 'triggers/greet_webhook.ts', '--json'])).webhook_url;
    json(await rosi(['trigger', 'create', '--trigger-def', 'triggers/daily_summary.ts', '--json']));
    writeFileSync(join(sample.dir, 'greeting.txt'), VALUE);
    expect((await rosi(['env', 'set', 'GREETING', '--value-file', 'greeting.txt'])).code).toBe(0);
    const put = await rosi(['datastore', 'put', '--datastore', 'tasks', '{"item": {"id": "t1", "title": "Water the plants", "done": false}}']);
    expect(put.code, put.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** Everything the page was sent: its HTML as drawn and every console JSON answer it read. */
  function recordAnswers(page: Page): string[] {
    const bodies: string[] = [];
    page.on('response', async (r) => {
      if (r.url().includes('/__console/api/')) bodies.push(await r.text().catch(() => ''));
    });
    return bodies;
  }

  it('shows the deployed app: facts, manifest, deployments and their files, datastores with counts, triggers, variable names', async () => {
    const { page, done } = await consolePage(browser, apps.emu.url);
    const answers = recordAnswers(page);
    await page.goto(`${apps.emu.url}/apps/${sample.appId}`);
    await page.getByRole('heading', { level: 1, name: 'Hello Rosi' }).waitFor();
    await expect(page.getByTestId('app-id').textContent()).resolves.toBe(sample.appId);
    await expect(page.getByTestId('datastores').getByRole('link', { name: 'tasks' }).getAttribute('href')).resolves.toBe(
      `/apps/${sample.appId}/datastores/tasks`,
    );
    await expect(page.getByTestId('items-tasks').textContent()).resolves.toBe('1');
    await expect(page.getByTestId('variables').textContent()).resolves.toBe('GREETING');
    const triggers = page.getByTestId('triggers');
    await triggers.getByRole('heading', { name: /Greet from a webhook/ }).waitFor();
    await triggers.getByRole('heading', { name: /Daily summary/ }).waitFor();
    const shownUrl = await page.getByTestId('webhook-url').textContent();
    expect(shownUrl).toBe(webhookUrl.replace(/\/[^/]+$/, '/…'));
    await expect(triggers.getByText('Next run').count()).resolves.toBe(1);
    // The command the page prints for the whole URL runs as printed (from any folder, whatever other logins there are).
    const printed = (await page.getByText(/^rosi trigger info --trigger-id /).textContent())?.trim() ?? '';
    expect(printed).toBe(
      `rosi trigger info --trigger-id ${webhookUrl.split('/').at(-2)} --app ${sample.appId} --team ${apps.emu.teamId} --apihost ${apps.emu.url}`,
    );
    const info = await runRosi(printed.split(' ').slice(1), { home: apps.home, cwd: apps.home });
    expect(info.code, info.stderr).toBe(0);
    expect(info.stdout).toContain(webhookUrl);

    const deployments = page.getByTestId('deployments');
    await expect(deployments.locator('tbody tr').first().locator('td').first().textContent()).resolves.toBe('1');
    await deployments.getByRole('button', { name: /Show files/ }).click();
    await page.getByRole('list', { name: 'Files of version 1' }).getByText('manifest.json').waitFor();

    await page.getByText('Show the manifest as JSON').click();
    await expect(page.getByTestId('manifest').textContent()).resolves.toContain('"greet_and_remember"');

    // Nothing secret reached the page: not the variable's value, not the webhook's secret, not a token.
    const secret = webhookUrl.split('/').pop() as string;
    const seen = [await page.content(), ...answers].join('\n');
    expect(answers.length).toBeGreaterThan(0);
    expect(seen).not.toContain(VALUE);
    expect(seen).not.toContain(secret);
    expect(seen).not.toMatch(/xox[a-z]-/);
    await done();
  });

  it('fires the webhook trigger with the data typed in: the execution appears, its trace opens, and the greeting is posted', async () => {
    const { page, done } = await consolePage(browser, apps.emu.url);
    await page.goto(`${apps.emu.url}/apps/${sample.appId}`);
    const hook = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Greet from a webhook/ }) });
    const box = hook.getByRole('textbox', { name: /Data/ });
    // It starts with what the trigger's inputs read from the data.
    expect(JSON.parse(await box.inputValue())).toEqual({ name: '', channel: '' });
    await box.fill('{"kind": "greeting", "name": ');
    await hook.getByRole('button', { name: 'Fire trigger' }).click();
    await hook
      .getByRole('alert')
      .getByText(/The data is not JSON/)
      .waitFor();
    await expect(box.getAttribute('aria-invalid')).resolves.toBe('true');

    await box.fill('{"kind": "greeting", "name": "Ada", "channel": "C0GENERAL"}');
    await hook.getByRole('button', { name: 'Fire trigger' }).click();
    const started = hook.getByTestId('fired');
    await started.waitFor();
    const traceLink = started.getByRole('link');
    const traceId = ((await traceLink.textContent()) ?? '').replace('trace ', '');
    expect(traceId).toMatch(/^Tr[A-Z0-9]+$/);
    // The new execution comes in live (an activity notice), and ends completed.
    const row = page.getByTestId('executions').getByRole('row').filter({ hasText: traceId });
    await row.getByText('completed').waitFor({ timeout: 45_000 });
    await expect(page.getByTestId('items-tasks').textContent()).resolves.toBe('2');

    await expectAccessible(page);
    await page.evaluate(() => scrollTo(0, 0));
    await screenshot(page, 'app');

    await traceLink.click();
    await page.getByRole('heading', { level: 1, name: traceId }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/apps/${sample.appId}/traces/${traceId}`);
    const { messages } = await control<{ messages: { text?: string }[] }>(apps.emu, 'messages?channel=C0GENERAL');
    expect(messages.map((m) => m.text)).toContain(`${VALUE}, Ada! 👋`);
    await done();
  }, 90_000);

  it('shows what a hostile manifest names as text', async () => {
    const { token } = await control<{ token: string }>(apps.emu, 'seed', { user_id: 'U0HOSTILE01' });
    const hostile = '<img src=x onerror=alert(1)>';
    const manifest = {
      display_information: { name: hostile },
      datastores: { ['"><script>x()</script>']: { primary_key: '<b>id', attributes: { '<b>id': { type: 'string' }, '&amp;<i>': { type: 'string' } } } },
    };
    const res = await fetch(`${apps.emu.url}/api/apps.manifest.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ manifest }),
    });
    const created = (await res.json()) as { ok: boolean; app_id: string };
    expect(created.ok, JSON.stringify(created)).toBe(true);

    const { page, done } = await consolePage(browser, apps.emu.url);
    await page.goto(`${apps.emu.url}/apps/${created.app_id}`);
    await page.getByRole('heading', { level: 1, name: hostile }).waitFor();
    await page.getByTestId('datastores').getByRole('link', { name: '"><script>x()</script>' }).waitFor();
    await page.getByTestId('datastores').getByText('&amp;<i>').waitFor();
    await expect(page.locator('main img, main script, main b, main i').count()).resolves.toBe(0);
    await expectAccessible(page);
    await done();
  });

  it('says an app that is not there is not there, naming it as text', async () => {
    // Not consolePage: Chromium logs the endpoint's 404 as a console error, and that 404 is the point here.
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${apps.emu.url}/apps/%3Cb%3EA0NOPE`);
    await page.getByRole('heading', { level: 1, name: 'No such app' }).waitFor();
    await page.getByRole('alert').getByText('No such app: <b>A0NOPE.').waitFor();
    await expect(page.locator('main b').count()).resolves.toBe(0);
    await expectAccessible(page);
    await page.close();
    expect(errors).toEqual([]);
  });
});
