import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { consolePage, expectAccessible, launchChromium, screenshot } from '../helpers/browser.js';
import { runRosi } from '../helpers/e2e.js';
import { describeWith } from '../helpers/system-tools.js';
import { useDeployedApps } from './deployed-app.js';
import { deploySample, json } from './trigger-helpers.js';

// The messages page (/messages) in real Chromium: what the sample app's workflow posted, by channel, with the
// workflow that posted it, live as new ones come.

const apps = useDeployedApps();

describeWith(['chromium', 'deno'], 'the messages page', () => {
  let browser: Browser;
  let sample: { dir: string; appId: string };
  let webhookUrl: string;
  const greet = async (name: string) => {
    const res = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'greeting', name, channel: 'C0GENERAL' }),
    });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    browser = await launchChromium();
    sample = await deploySample(apps.home, 'console-messages');
    const made = await runRosi(['trigger', 'create', '--trigger-def', 'triggers/greet_webhook.ts', '--json'], { home: apps.home, cwd: sample.dir });
    webhookUrl = json<{ webhook_url: string }>(made).webhook_url;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the message the workflow posted in its channel, with the app and the workflow linking to its trace; a new one comes in live', async () => {
    await greet('Ada');
    const { page, done } = await consolePage(browser, apps.emu.url);
    await page.goto(`${apps.emu.url}/messages?channel=C0GENERAL`);
    await page.getByRole('heading', { level: 1, name: 'Messages' }).waitFor();
    const channels = page.getByRole('navigation', { name: 'Channels' });
    await expect(channels.getByRole('link', { name: '#general' }).getAttribute('aria-current')).resolves.toBe('page');
    await channels.getByRole('link', { name: '#random' }).waitFor();

    const messages = page.getByTestId('messages');
    const ada = messages.getByRole('article').filter({ hasText: 'Hello, Ada! 👋' });
    await ada.waitFor({ timeout: 45_000 });
    await ada.getByText('Hello Rosi', { exact: true }).waitFor();
    const workflow = ada.getByTestId('message-trace');
    await expect(workflow.textContent()).resolves.toBe('greet_and_remember');
    await expect(workflow.getAttribute('href')).resolves.toMatch(new RegExp(`^/apps/${sample.appId}/traces/Tr[A-Z0-9]+$`));
    await expect(channels.getByRole('listitem').filter({ hasText: '#general' }).textContent()).resolves.toMatch(/#general\s*1 messages/);

    // Posted while the page is open: it comes on a live notice, newest first, and the count follows.
    await greet('Grace');
    await messages.getByRole('article').first().filter({ hasText: 'Hello, Grace! 👋' }).waitFor({ timeout: 45_000 });
    await channels
      .getByRole('listitem')
      .filter({ hasText: /#general\s*2 messages/ })
      .waitFor();

    await expectAccessible(page);
    await screenshot(page, 'messages');

    await channels.getByRole('link', { name: '#random' }).click();
    await page.getByText('Nothing posted here yet.').waitFor();
    expect(new URL(page.url()).search).toBe('?channel=C0RANDOM');

    await page.goBack();
    await workflow.click();
    await page.getByRole('heading', { level: 1, name: /^Trace Tr[A-Z0-9]+$/ }).waitFor();
    await done();
  }, 120_000);
});
