import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { ROOT } from './e2e.js';
import { toolPath } from './system-tools.js';

/** Headless Chromium as the browser tests run it: no network of its own, nothing from outside the emulator. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: toolPath('chromium') as string, args: ARGS });
}

/**
 * A page whose failures fail the test: an uncaught error, a console error, or a request that went anywhere
 * but the emulator (the console works offline). Call `done()` at the end of the test.
 */
export async function consolePage(
  browser: Browser,
  origin: string,
  o: { width?: number; height?: number } = {},
): Promise<{ page: Page; done: () => Promise<void> }> {
  const page = await browser.newPage({ viewport: { width: o.width ?? 1280, height: o.height ?? 860 } });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const documents = new Set<string>();
  page.on('response', (r) => {
    if (r.request().isNavigationRequest()) documents.add(r.url());
    // A problem answer of the console's API is the page's to show (<Problem>); Chromium logs its status all the same.
    if (r.url().startsWith(`${origin}/__console/api/`) && r.status() >= 400 && r.headers()['content-type']?.startsWith('application/json'))
      documents.add(r.url());
  });
  page.on('console', (m) => {
    // A page the test visits on purpose may answer 404 (an app that is not there); Chromium logs that as an error.
    if (m.type() === 'error' && !(m.text().startsWith('Failed to load resource') && documents.has(m.location().url)))
      problems.push(`console error: ${m.text()}`);
  });
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:')) problems.push(`request outside the emulator: ${url}`);
  });
  return {
    page,
    done: async () => {
      await page.close();
      expect(problems).toEqual([]);
    },
  };
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is now; any violation fails, listed with where it is. */
export async function expectAccessible(page: Page): Promise<void> {
  // Evaluated over the DevTools protocol, which the page's Content-Security-Policy (script-src 'self') does not govern.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  expect(violations).toEqual([]);
}

/**
 * Saves a picture of the page for the README when ROSI_SCREENSHOTS names a folder (e.g. `docs/console`):
 * `ROSI_SCREENSHOTS=docs/console npx vitest run test/e2e/console` takes them all again.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.ROSI_SCREENSHOTS;
  if (!dir) return;
  await page.screenshot({ path: join(ROOT, dir, `${name}.png`), fullPage: false });
}
