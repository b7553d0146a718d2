import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { consolePage, expectAccessible, launchChromium, screenshot } from '../helpers/browser.js';
import { control } from '../helpers/e2e.js';
import { describeWith } from '../helpers/system-tools.js';
import { greetingApp } from './console-apps.js';
import { useDeployedApps, type DeployedApp } from './deployed-app.js';

// The console's Activity page in real Chromium, on an app deployed with the built CLI and run in real Deno.

const apps = useDeployedApps();

describeWith(['chromium', 'deno'], 'the console’s Activity page', () => {
  let browser: Browser;
  let app: DeployedApp;
  let traceId: string;
  beforeAll(async () => {
    browser = await launchChromium();
    app = await apps.deploy('console-activity', greetingApp);
    // Run by the CLI, as a person would: the trigger made with rosi, called at its webhook with rosi trigger run.
    const made = await app.rosi(['trigger', 'create', '--trigger-def', 'triggers/greet_flow.json', '--json']);
    expect(made.code, made.stderr).toBe(0);
    const { id } = JSON.parse(made.stdout) as { id: string };
    const ran = await app.rosi(['trigger', 'run', '--trigger-id', id, '--inputs', '{"name": "Ada"}']);
    expect(ran.code, ran.stderr).toBe(0);
    traceId = await endedTrace(app);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  const open = async (search = '') => {
    const p = await consolePage(browser, apps.emu.url);
    await p.page.goto(`${apps.emu.url}/apps/${app.appId}/activity${search}`);
    return p;
  };
  const rows = (page: Page) => page.locator('table.log tbody tr');

  it('shows the app’s log newest first: level in words, event, component, source, what happened, and a link to its trace', async () => {
    const { page, done } = await open();
    await page.getByText('Function output: greeting "Ada"').waitFor();
    const output = rows(page).filter({ hasText: 'Function output: greeting "Ada"' });
    await expect(output.locator('td').nth(1).textContent()).resolves.toContain('info');
    await expect(output.locator('td').nth(2).textContent()).resolves.toBe('function_execution_output');
    await expect(output.locator('td').nth(4).textContent()).resolves.toBe('developer');
    // Newest first: the workflow's result above its start.
    const events = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-event')));
    expect(events.indexOf('workflow_execution_result')).toBeLessThan(events.indexOf('workflow_execution_started'));
    expect(events).toContain('function_deployment');
    // The whole payload on demand.
    await output.locator('summary').click();
    await expect(output.locator('pre.payload').textContent()).resolves.toContain('"log": "greeting \\"Ada\\"');
    await expectAccessible(page);
    await screenshot(page, 'activity');
    // Each entry links to its trace; the link moves within the page.
    await output.getByRole('link', { name: `Trace ${traceId}` }).click();
    await page.waitForURL(`**/apps/${app.appId}/traces/${traceId}`);
    await page.getByRole('heading', { name: `Trace ${traceId}` }).waitFor();
    await done();
  }, 60_000);

  it('puts a new entry on top within a second of its being written, and a new execution’s entries as they come', async () => {
    const { page, done } = await open();
    await rows(page).first().waitFor();
    const before = await rows(page).count();
    const marker = `written at ${Date.now()}`;
    await control(apps.emu, 'activities', {
      app_id: app.appId,
      activities: [{ event_type: 'function_execution_output', source: 'developer', payload: { log: marker } }],
    });
    const written = Date.now();
    await rows(page).first().filter({ hasText: marker }).waitFor({ timeout: 1000 });
    const shownAfter = Date.now() - written;
    expect(shownAfter).toBeLessThan(1000);
    expect(await rows(page).count()).toBe(before + 1);

    const id = await app.start('greet_flow', { name: 'Grace' });
    await page.getByText('Function output: greeting "Grace"').waitFor({ timeout: 20_000 });
    await app.execution(id);
    await rows(page).filter({ hasText: 'Function output: greeting "Grace"' }).waitFor();
    await page.locator('tr[data-event="workflow_execution_result"]').nth(1).waitFor({ timeout: 5000 });
    // Nothing shown twice.
    const ids = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.textContent));
    expect(new Set(ids).size).toBe(ids.length);
    console.log(`activity page: a new entry was on screen ${shownAfter} ms after it was written`);
    await done();
  }, 60_000);

  it('narrows the list with filters and text search, kept in the URL so a link shows the same view', async () => {
    await app.run('greet_flow', { name: '' });
    const { page, done } = await open();
    await rows(page).first().waitFor();
    await page.getByLabel('Level').selectOption('error');
    await page.getByLabel('Search').fill('a name is NEEDED');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/level=error/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('a name is NEEDED');
    await page.getByText(/entr(y|ies) shown/).waitFor();
    const levels = await rows(page).locator('td:nth-child(2)').allTextContents();
    expect(levels.length).toBeGreaterThan(0);
    for (const l of levels) expect(l).toMatch(/error/);
    const what = await rows(page).locator('td.what summary').allTextContents();
    for (const w of what) expect(w.toLowerCase()).toContain('a name is needed');
    await expectAccessible(page);
    const link = page.url();
    await done();

    // The same link in a new page: the same view, the fields filled in.
    const again = await consolePage(browser, apps.emu.url);
    await again.page.goto(link);
    await again.page.getByText(/entr(y|ies) shown/).waitFor();
    expect(await rows(again.page).locator('td.what summary').allTextContents()).toEqual(what);
    expect(await again.page.getByLabel('Level').inputValue()).toBe('error');
    // Component and source narrow it too; an event type with no entries says so.
    await again.page.goto(`${apps.emu.url}/apps/${app.appId}/activity?source=developer&component_type=functions`);
    await again.page.getByText(/entr(y|ies) shown/).waitFor();
    expect(new Set(await rows(again.page).locator('td:nth-child(5)').allTextContents())).toEqual(new Set(['developer']));
    await again.page.goto(`${apps.emu.url}/apps/${app.appId}/activity?event=no_such_event`);
    await again.page.getByText('No entry matches these filters.').waitFor();
    await again.done();

    // A bad value is a problem that says what to fix (on a plain page: Chromium logs the 400 answer as an error).
    const plain = await browser.newPage();
    await plain.goto(`${apps.emu.url}/apps/${app.appId}/activity?since=yesterday`);
    await plain.getByRole('alert').getByText('The activity filter is not valid.').waitFor();
    await expect(plain.getByRole('alert').textContent()).resolves.toContain('since must be a date and time with its zone');
    await plain.close();
  }, 60_000);

  it('paints the first page of 50,000 entries well under a second, and reads older pages on demand', async () => {
    const other = await apps.deploy('console-busy', greetingApp);
    const now = Date.now() * 1000;
    const activities = Array.from({ length: 50_000 }, (_, i) => ({
      event_type: i % 10 === 0 ? 'datastore_request_result' : 'function_execution_output',
      level: i % 97 === 0 ? 'error' : 'info',
      source: i % 10 === 0 ? 'slack' : 'developer',
      component_type: 'functions',
      component_id: 'Fn0BUSY',
      trace_id: `Tr0BUSY${Math.floor(i / 20)}`,
      payload: i % 10 === 0 ? { request_type: 'put', datastore_name: 'notes', details: `item ${i}` } : { log: `line ${i}` },
      created: now - (50_000 - i) * 1000,
    }));
    await control(apps.emu, 'activities', { app_id: other.appId, activities });
    // The endpoint alone: the first page is one index read, whatever the log's size.
    const api0 = performance.now();
    const res = await fetch(`${apps.emu.url}/__console/api/apps/${other.appId}/activity`);
    expect(res.status).toBe(200);
    await res.json();
    const apiMs = Math.round(performance.now() - api0);
    const { page, done } = await consolePage(browser, apps.emu.url);
    // Measured by the page itself: from the start of its navigation to the first row in the document.
    await page.addInitScript(() => {
      const w = globalThis as unknown as { firstRowAt?: number };
      new MutationObserver((_m, observer) => {
        if (!document.querySelector('table.log tbody tr')) return;
        w.firstRowAt = performance.now();
        observer.disconnect();
      }).observe(document, { subtree: true, childList: true });
    });
    await page.goto(`${apps.emu.url}/apps/${other.appId}/activity`);
    await rows(page).first().waitFor();
    const firstRow = Math.round(await page.evaluate(() => (globalThis as unknown as { firstRowAt: number }).firstRowAt));
    const loaded = Math.round(
      await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd),
    );
    console.log(
      `activity page over 50,000 entries: first row ${firstRow} ms after navigation started (the shell and its script loaded at ${loaded} ms); the endpoint answered in ${apiMs} ms`,
    );
    expect(firstRow).toBeLessThan(1000);
    expect(await rows(page).count()).toBe(100);
    await expect(rows(page).first().textContent()).resolves.toContain('line 49999');
    await page.getByRole('button', { name: 'Older entries' }).click();
    await page.locator('table.log tbody tr:nth-child(200)').waitFor();
    // The older page continues where the first ended: every entry once, newest first.
    const times = await rows(page)
      .locator('time')
      .evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime') ?? ''));
    expect(times).toEqual([...times].sort().reverse());
    const texts = await rows(page).locator('td.what summary').allTextContents();
    expect(new Set(texts).size).toBe(200);
    await done();
  }, 120_000);
});

/** The trace of the app's newest ended execution. */
async function endedTrace(app: DeployedApp): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const x = (await control<{ executions: { trace_id: string; status: string }[] }>(apps.emu, `executions?app_id=${app.appId}`)).executions[0];
    if (x && x.status !== 'running') return x.trace_id;
    if (Date.now() > deadline) throw new Error('the execution did not end');
    await new Promise((r) => setTimeout(r, 100));
  }
}
