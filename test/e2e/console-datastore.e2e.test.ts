import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { consolePage, expectAccessible, launchChromium, screenshot } from '../helpers/browser.js';
import { runRosi, SEEDED_APP as APP, startSeededEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';
import { describeWith } from '../helpers/system-tools.js';
import { loginSplit } from './login-helpers.js';

const ITEMS = 3000;
const STATUSES = ['todo', 'doing', 'done'];
const tasks = { primary_key: 'id', attributes: { id: { type: 'string' }, title: { type: 'string' }, status: { type: 'string' }, n: { type: 'integer' } } };
const manifest = {
  display_information: { name: 'console-datastore' },
  settings: { function_runtime: 'slack' },
  oauth_config: { scopes: { bot: ['datastore:read', 'datastore:write'] } },
  datastores: { tasks, copy: tasks },
};
const task = (i: number) => ({ id: `t${String(i).padStart(4, '0')}`, title: `Task ${i}`, status: STATUSES[i % 3], n: i });
const XSS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>'];

let emu: EmulatorHandle;
let home: string;
let cleanup: () => void;
let browser: Browser;

const rosi = async (args: string[]) => {
  const r = await runRosi([...args, '--app', APP], { home, timeoutMs: 60_000 });
  expect(r.code, r.stderr).toBe(0);
  return r;
};
const getItem = async (datastore: string, id: string) =>
  (JSON.parse((await rosi(['datastore', 'get', id, '--datastore', datastore, '--json'])).stdout) as { item: Record<string, unknown> }).item;
const url = (datastore = 'tasks', query = '') => `${emu.url}/apps/${APP}/datastores/${datastore}${query}`;
const firstKey = (page: Page) => page.locator('main table tbody tr th').first().textContent();
const countText = (page: Page) => page.locator('main .count').textContent();

describeWith(['chromium'], 'the datastore page in a browser', () => {
  beforeAll(async () => {
    ({ home, cleanup } = tempHome());
    emu = await startSeededEmulator(home, manifest);
    await loginSplit(emu, home);
    // The data comes from the CLI: an import of a JSON Lines file, and puts.
    const file = join(home, 'tasks.jsonl');
    writeFileSync(file, `${Array.from({ length: ITEMS }, (_, i) => JSON.stringify(task(i))).join('\n')}\n`);
    await rosi(['datastore', 'import', 'tasks', file]);
    for (const [i, text] of XSS.entries()) await rosi(['datastore', 'put', '--datastore', 'tasks', JSON.stringify({ item: { id: `a-xss${i}`, title: text } })]);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await emu?.stop();
    cleanup?.();
  });

  it('shows the items by key with the count, pages over thousands, filters and pages the matches', async () => {
    const { page, done } = await consolePage(browser, emu.url);
    await page.goto(url());
    await page.getByRole('heading', { level: 1, name: 'tasks' }).waitFor();
    await expect(firstKey(page)).resolves.toBe('a-xss0');
    await expect(countText(page)).resolves.toBe(`${(ITEMS + 2).toLocaleString('en')} items`);
    const headers = await page.locator('main table thead th').allTextContents();
    expect(headers).toEqual(['idstring', 'titlestring', 'statusstring', 'ninteger', 'Actions']);
    expect(await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: APP }).getAttribute('href')).toBe(`/apps/${APP}`);
    await expectAccessible(page);
    await screenshot(page, 'datastore');

    await page.getByRole('button', { name: 'Next page' }).click();
    await page.locator('main table tbody tr th', { hasText: 't0048' }).first().waitFor();
    await expect(firstKey(page)).resolves.toBe('t0048');
    await page.getByRole('button', { name: 'Previous page' }).click();
    await page.locator('main table tbody tr th', { hasText: 'a-xss0' }).waitFor();

    await page.getByLabel('Filter, as rosi datastore query --where').fill('status = "done" and n >= 2000');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.locator('main .count', { hasText: 'matching' }).waitFor();
    await expect(countText(page)).resolves.toBe('334 matching items');
    await expect(firstKey(page)).resolves.toBe('t2000');
    expect(new URL(page.url()).searchParams.get('where')).toBe('status = "done" and n >= 2000');
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.locator('main table tbody tr th', { hasText: 't2150' }).waitFor();
    expect(await page.locator('main table tbody tr').count()).toBe(50);
    await done();
  }, 60_000);

  it('shows markup in an item as text', async () => {
    const { page, done } = await consolePage(browser, emu.url);
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.goto(url());
    for (const text of XSS) await page.getByRole('cell', { name: text, exact: true }).waitFor();
    expect(await page.locator('main img, main script').count()).toBe(0);
    await page.getByRole('button', { name: 'Open a-xss1' }).click();
    await expect(page.locator('pre.item-json').textContent()).resolves.toContain('"title": "<img src=x onerror=alert(1)>"');
    expect(dialogs).toBe(0);
    await done();
  });

  it('edits an item, which rosi datastore get then sees; refuses an invalid one with the API’s own checks', async () => {
    const { page, done } = await consolePage(browser, emu.url);
    await page.goto(url());
    await page.getByRole('button', { name: 'Open t0001' }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    const box = page.getByLabel('The item’s JSON');
    await box.fill(JSON.stringify({ ...task(1), title: 'Edited in the console' }));
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: 'Edited in the console' }).waitFor();
    expect(await getItem('tasks', 't0001')).toEqual({ ...task(1), title: 'Edited in the console' });

    await page.getByRole('button', { name: 'Edit' }).click();
    await box.fill(JSON.stringify({ ...task(1), n: 'one', colour: 'red' }));
    await page.getByRole('button', { name: 'Save' }).click();
    const problem = page.locator('.item-editor .problem');
    await problem.waitFor();
    await expect(problem.textContent()).resolves.toContain('/item/n: invalid_attribute_type: Attribute "n" must be of type integer, got string');
    await expect(problem.textContent()).resolves.toContain('/item/colour: unknown_attribute: The datastore "tasks" has no attribute "colour"');
    await expectAccessible(page);
    await done();
  });

  it('shows an item written by rosi datastore put in an open page within a second, without a reload', async () => {
    const { page, done } = await consolePage(browser, emu.url);
    await page.goto(url());
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await page.locator('main table tbody tr').first().waitFor();
    let reloaded = false;
    page.on('framenavigated', () => (reloaded = true));
    await rosi(['datastore', 'put', '--datastore', 'tasks', JSON.stringify({ item: { id: 'a-live', title: 'from the CLI' } })]);
    const written = Date.now();
    await page.getByRole('cell', { name: 'from the CLI' }).waitFor({ timeout: 5000 });
    expect(Date.now() - written).toBeLessThan(1000);
    expect(reloaded).toBe(false);
    await done();
  });

  it('shows a bad filter with the CLI’s own error text under the box', async () => {
    const where = 'status = done and n >= 2';
    const cli = await runRosi(['datastore', 'query', '--datastore', 'tasks', '--where', where, '--app', APP, '--json'], { home });
    expect(cli.code).toBe(2);
    const { error } = JSON.parse(cli.stderr) as { error: { message: string; details: string[] } };
    const { page, done } = await consolePage(browser, emu.url);
    await page.goto(url());
    await page.getByLabel('Filter, as rosi datastore query --where').fill(where);
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    const problem = page.locator('#where-problem .problem');
    await problem.waitFor();
    await expect(problem.locator('p').first().textContent()).resolves.toBe(error.message);
    expect(await problem.locator('li').allTextContents()).toEqual(error.details);
    expect(await page.getByLabel('Filter, as rosi datastore query --where').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await done();
  });

  it('adds an item and deletes one after a confirm step', async () => {
    const { page, done } = await consolePage(browser, emu.url);
    await page.goto(url());
    await page.getByRole('button', { name: 'Add item' }).click();
    await page.getByLabel('The item’s JSON').fill(JSON.stringify({ id: 'a-new', title: 'added here', n: 7 }));
    await page.locator('.item-editor').getByRole('button', { name: 'Add item' }).click();
    await page.getByRole('cell', { name: 'added here' }).waitFor();
    expect(await getItem('tasks', 'a-new')).toEqual({ id: 'a-new', title: 'added here', n: 7 });

    await page.getByRole('button', { name: 'Delete a-new' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete this item?' });
    await confirm.waitFor();
    await expectAccessible(page);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await getItem('tasks', 'a-new')).toEqual({ id: 'a-new', title: 'added here', n: 7 });
    await page.getByRole('button', { name: 'Delete a-new' }).click();
    await confirm.getByRole('button', { name: 'Delete a-new' }).click();
    await page.getByRole('cell', { name: 'added here' }).waitFor({ state: 'detached' });
    const gone = await runRosi(['datastore', 'get', 'a-new', '--datastore', 'tasks', '--app', APP, '--json'], { home });
    expect(JSON.parse(gone.stderr)).toMatchObject({ error: { code: 'item_not_found' } });
    await done();
  });

  it('exports the filtered items as rosi datastore export writes them, and imports them back with failures by line', async () => {
    const { page, done } = await consolePage(browser, emu.url);
    const where = 'n < 40 and status <> "doing"';
    await page.goto(url('tasks', `?where=${encodeURIComponent(where)}`));
    await page.locator('main .count', { hasText: 'matching' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export matching as JSON Lines' }).click()]);
    expect(download.suggestedFilename()).toBe(`${APP}-tasks.jsonl`);
    const exported = readFileSync((await download.path()) as string, 'utf8');
    const cli = await rosi(['datastore', 'export', 'tasks', '--where', where]);
    expect(exported).toBe(cli.stdout);
    expect(exported.trimEnd().split('\n')).toHaveLength(27);

    const file = join(home, 'roundtrip.jsonl');
    writeFileSync(file, `${exported}not json\n\n{"id":"bad","n":"x"}\n`);
    await page.goto(url('copy'));
    await page.locator('main .count').waitFor();
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByRole('status').filter({ hasText: 'Imported 30 lines: 27 stored, 2 failed, 1 blank.' }).waitFor();
    const failures = await page.locator('.transfer .problem li').allTextContents();
    expect(failures).toEqual(['line 28: not valid JSON', 'line 30: invalid_attribute_type: Attribute "n" must be of type integer, got string']);
    await page.locator('main .count', { hasText: '27 items' }).waitFor();
    expect((await rosi(['datastore', 'export', 'copy'])).stdout).toBe(exported);
    await done();
  });

  it('names what exists for an unknown datastore or app', async () => {
    const { page, done } = await consolePage(browser, emu.url);
    await page.goto(url('tsks'));
    const problem = page.getByRole('alert');
    await expect(problem.textContent()).resolves.toContain(`App ${APP} has no datastore "tsks".Its datastores: tasks, copy.`);
    await page.goto(`${emu.url}/apps/A0NOPE/datastores/tasks`);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('There is no app A0NOPE in this emulator.');
    await expectAccessible(page);
    await done();
  });
});
