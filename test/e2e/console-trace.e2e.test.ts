import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { consolePage, expectAccessible, launchChromium, screenshot } from '../helpers/browser.js';
import { describeWith } from '../helpers/system-tools.js';
import { greetingApp } from './console-apps.js';
import { useDeployedApps, type DeployedApp } from './deployed-app.js';

// The console's Trace page in real Chromium, on executions of an app deployed with the built CLI and run in real Deno.

const apps = useDeployedApps();

describeWith(['chromium', 'deno'], 'the console’s Trace page', () => {
  let browser: Browser;
  let app: DeployedApp;
  beforeAll(async () => {
    browser = await launchChromium();
    app = await apps.deploy('console-trace', greetingApp);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  const open = async (traceId: string) => {
    const p = await consolePage(browser, apps.emu.url);
    await p.page.goto(`${apps.emu.url}/apps/${app.appId}/traces/${traceId}`);
    return p;
  };

  it('draws a failed execution as a timeline: the failing step marked in words, each function’s output beside its bar', async () => {
    const x = await app.run('greet_flow', { name: '' });
    expect(x.status).toBe('failed');
    const { page, done } = await open(x.trace_id);
    await page.getByRole('heading', { name: `Trace ${x.trace_id}` }).waitFor();
    await expect(page.locator('dd.outcome').textContent()).resolves.toContain('failed');

    const row = (label: string) => page.locator('table.timeline tbody tr').filter({ has: page.getByText(label, { exact: true }) });
    await row("Workflow 'greet_flow'").waitFor();
    // Both steps ran: the first completed, the second failed, and says why.
    const first = row("Function 'prepare' (app function)");
    await expect(first.locator('.status').textContent()).resolves.toContain('completed');
    await expect(first.locator('td.output').textContent()).resolves.toBe('preparing a greeting for ""');
    const failing = row("Function 'greet' (app function)");
    await expect(failing.getAttribute('class')).resolves.toBe('failed');
    await expect(failing.locator('.status').textContent()).resolves.toContain('failed');
    await expect(failing.locator('.error').textContent()).resolves.toBe('Error: A name is needed');
    await expect(failing.locator('td.output').textContent()).resolves.toBe('greeting ""');
    await expect(failing.locator('.bar').getAttribute('class')).resolves.toContain('bar-failed');
    await expect(row("Step 2 of 2 'greet'").locator('.status').textContent()).resolves.toContain('failed');
    // Durations in words, bars in order on the time axis.
    await expect(failing.locator('td.nowrap').textContent()).resolves.toMatch(/^\d+(\.\d+)? (µs|ms|s)$/);
    const lefts = await page.locator('table.timeline .bar').evaluateAll((bars) => bars.map((b) => Number.parseFloat((b as HTMLElement).style.left)));
    expect(lefts.length).toBeGreaterThan(4);
    for (const l of lefts) expect(l).toBeGreaterThanOrEqual(0);
    // The workflow starts the timeline; the failing function starts after the first one.
    expect(lefts[0]).toBe(0);
    const leftOf = async (r: typeof first) => Number.parseFloat(await r.locator('.bar').evaluate((b) => (b as HTMLElement).style.left));
    expect(await leftOf(failing)).toBeGreaterThan(await leftOf(first));
    await screenshot(page, 'trace');
    // Inputs and outputs on demand.
    const step = row("Step 1 of 2 'prepare'");
    await step.getByText('Inputs, outputs and entries').click();
    await expect(step.locator('pre.payload').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('"inputs"')]));
    await expectAccessible(page);
    await done();
  }, 90_000);

  it('follows an execution while it runs, without a reload', async () => {
    const id = await app.start('greet_flow', { name: 'slowly' });
    const running = await app.execution(id, (e) => e.steps.some((s) => s.function_id.endsWith('greet') && s.status !== 'pending'));
    const { page, done } = await open(running.trace_id);
    // The function takes 6 s: time enough to open the page on a busy machine, and still see it running.
    await page.locator('dd.outcome', { hasText: 'running' }).waitFor({ timeout: 5000 });
    await page.getByText('greeting "slowly"').waitFor({ timeout: 10_000 });
    await page.locator('dd.outcome', { hasText: 'completed' }).waitFor({ timeout: 15_000 });
    await page.locator('table.timeline tbody tr', { hasText: "Workflow 'greet_flow'" }).locator('.status', { hasText: 'completed' }).waitFor();
    await done();
  }, 60_000);

  it('says when a trace has no entries, naming the app and where its traces are listed', async () => {
    const page = await browser.newPage();
    await page.goto(`${apps.emu.url}/apps/${app.appId}/traces/Tr0NOTHERE`);
    const alert = page.getByRole('alert');
    await alert.getByText(`App ${app.appId} has no activity with trace ID Tr0NOTHERE.`).waitFor();
    await expect(alert.textContent()).resolves.toContain(`rosi activity --app ${app.appId} --team ${apps.emu.teamId} --apihost ${apps.emu.url}`);
    await page.close();
  }, 30_000);
});
