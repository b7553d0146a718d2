import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { runRosi, startEmulator, tempHome, type EmulatorHandle } from '../helpers/e2e.js';
import { launchChromium } from '../helpers/browser.js';
import { describeWith } from '../helpers/system-tools.js';

/** Set to a path to keep a picture of the approval modal, e.g. ROSI_SCREENSHOT=/tmp/modal.png. */
const SCREENSHOT = process.env.ROSI_SCREENSHOT;

describeWith(['chromium'], 'login approved in a real browser', () => {
  let browser: Browser;
  let emu: EmulatorHandle;
  let home: string;
  let cleanup: () => void;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    ({ home, cleanup } = tempHome());
    emu = await startEmulator();
  });
  afterEach(async () => {
    await emu?.stop();
    cleanup();
  });

  it('ticket → paste the slash command → approve → challenge → rosi login finishes', async () => {
    const started = await runRosi(['login', '--no-prompt', '--json', '--apihost', emu.url], { home });
    expect(started.code, started.stderr).toBe(0);
    const { ticket, slash_command } = JSON.parse(started.stdout) as { ticket: string; slash_command: string };
    expect(slash_command).toBe(`/slackauthticket ${ticket}`);

    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(`${emu.url}/approve`);
    await page.getByLabel('Slash command').fill(slash_command);
    await page.getByRole('button', { name: 'Send' }).click();

    const modal = page.getByRole('dialog', { name: 'Authorize the Slack CLI' });
    await expect(modal.getByTestId('team-name').textContent()).resolves.toBe('Emulator Workspace');
    await expect(modal.getByTestId('user-name').textContent()).resolves.toBe('developer');
    expect(await modal.textContent()).toContain('where you are an owner or collaborator');
    if (SCREENSHOT) await page.screenshot({ path: SCREENSHOT });

    await modal.getByRole('button', { name: 'Approve' }).click();
    const challenge = (await page.getByTestId('challenge-code').textContent())?.trim() ?? '';
    expect(challenge).toMatch(/^[A-Z2-9]{8}$/);
    if (SCREENSHOT) await page.screenshot({ path: SCREENSHOT.replace(/(\.png)?$/, '-approved.png') });
    await page.close();

    const done = await runRosi(['login', '--ticket', ticket, '--challenge', challenge, '--apihost', emu.url], { home });
    expect(done.code, done.stderr).toBe(0);

    const list = await runRosi(['auth', 'list', '--json'], { home });
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ team_id: emu.teamId, team_domain: 'emulator', user_id: 'U0EMULATOR', api_host: emu.url }),
    ]);
  });

  it('tells the user when the pasted ticket is unknown', async () => {
    const page = await browser.newPage();
    await page.goto(`${emu.url}/approve`);
    await page.getByLabel('Slash command').fill('/slackauthticket not-a-real-ticket');
    await page.getByRole('button', { name: 'Send' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('This ticket is not recognised');
    await page.close();
  });
});
