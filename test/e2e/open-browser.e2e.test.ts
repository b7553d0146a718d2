import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { baseEnv, BIN, freshHomes, sampleApp, type EmulatorHandle } from '../helpers/e2e.js';
import { describeWith } from '../helpers/system-tools.js';
import { useLoggedInEmulator } from './login-helpers.js';

// --open in the built CLI: the `open` package is loaded by the bundle's lazy import and starts BROWSER,
// here a fake browser that writes down the URL it was given.
const fresh = freshHomes();

interface FakeBrowser {
  path: string;
  /** The URLs it was started with, waiting up to `ms` for the first. */
  opened(ms?: number): Promise<string[]>;
}

function fakeBrowser(home: string): FakeBrowser {
  const log = join(home, 'opened.txt');
  const path = join(home, 'fake-browser.sh');
  writeFileSync(path, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${log}'\n`);
  chmodSync(path, 0o755);
  return {
    path,
    async opened(ms = 5000) {
      for (let waited = 0; waited < ms && !existsSync(log); waited += 50) await delay(50);
      return existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
    },
  };
}

const desktop = (browser: FakeBrowser, extra: Record<string, string | undefined> = {}) => ({
  CI: undefined,
  TERM: 'xterm',
  BROWSER: browser.path,
  DISPLAY: ':99',
  ...extra,
});

/**
 * `rosi <args>` in a pseudo-terminal (util-linux `script`) until `until` shows on the screen, then
 * Ctrl-C (a long-running command) or its own exit.
 */
async function onTerminal(args: string, o: { home: string; cwd?: string; env: Record<string, string | undefined>; until?: RegExp }) {
  const child = spawn('script', ['-qfec', `${process.execPath} ${BIN} ${args}`, '/dev/null'], { env: baseEnv(o.home, o.env), cwd: o.cwd ?? o.home });
  let screen = '';
  let stopped = false;
  child.stdin.on('error', () => {});
  child.stdout.on('data', (d: Buffer) => {
    screen += d.toString();
    if (stopped || !o.until?.test(screen)) return;
    stopped = true;
    child.stdin.write('\x03');
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  clearTimeout(timer);
  return { code, screen: screen.replaceAll('\r', '') };
}

/** `rosi emulator <args>` off a terminal (pipes), stopped once it has said everything it says at start. */
async function emulatorOffTerminal(home: string, args: string[], env: Record<string, string | undefined>) {
  const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', '--in-memory', ...args], { cwd: home, env: baseEnv(home, env) });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((r) => createInterface({ input: child.stdout }).once('line', r));
  for (let i = 0; i < 200 && !stderr.includes('Press Ctrl-C'); i++) await delay(25);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { url, stderr };
}

describeWith(['script'], 'rosi emulator --open on a terminal', () => {
  it('opens the console at its URL in BROWSER, once listening', async () => {
    const home = fresh();
    const browser = fakeBrowser(home);
    const r = await onTerminal('emulator --open --port 0 --in-memory', { home, env: desktop(browser), until: /Press Ctrl-C/ });
    const url = /^(http:\/\/127\.0\.0\.1:\d+)$/m.exec(r.screen)?.[1];
    expect(url, r.screen).toBeDefined();
    expect(await browser.opened()).toEqual([`${url}/`]);
    expect(r.screen).toContain(`  Console    ${url}/\n`);
    expect(r.screen).toContain(`Opened ${url}/ in ${browser.path}`);
  });

  it('--no-open (the default) opens nothing and says nothing of it', async () => {
    const home = fresh();
    const browser = fakeBrowser(home);
    const r = await onTerminal('emulator --no-open --port 0 --in-memory', { home, env: desktop(browser), until: /Press Ctrl-C/ });
    expect(r.screen).toContain('  Console    http://127.0.0.1:');
    expect(r.screen).not.toContain('in your browser');
    expect(await browser.opened(300)).toEqual([]);
  });

  it.each([
    { name: 'CI=true', env: { CI: 'true' }, reason: 'CI is set' },
    { name: 'BROWSER=none', env: { BROWSER: 'none' }, reason: 'BROWSER is none' },
    { name: 'no display on Linux', env: { BROWSER: undefined, DISPLAY: undefined }, reason: 'no display: DISPLAY and WAYLAND_DISPLAY are unset' },
  ])('$name: nothing opens; the URL is printed with the reason', async ({ env, reason }) => {
    const home = fresh();
    const browser = fakeBrowser(home);
    const r = await onTerminal('emulator --open --port 0 --in-memory', { home, env: desktop(browser, env), until: /Press Ctrl-C/ });
    const url = /^(http:\/\/127\.0\.0\.1:\d+)$/m.exec(r.screen)?.[1];
    expect(r.screen).toContain(`Open ${url}/ in your browser (not opened: ${reason})\n`);
    expect(await browser.opened(300)).toEqual([]);
  });

  it('a BROWSER that cannot start: says so and prints the URL, and the emulator keeps running', async () => {
    const home = fresh();
    const r = await onTerminal('emulator --open --port 0 --in-memory', {
      home,
      env: desktop(fakeBrowser(home), { BROWSER: join(home, 'no-such-browser') }),
      until: /Press Ctrl-C/,
    });
    const url = /^(http:\/\/127\.0\.0\.1:\d+)$/m.exec(r.screen)?.[1];
    expect(r.screen).toMatch(new RegExp(`! Could not open a browser \\(spawn .*no-such-browser ENOENT\\): open ${url}/ yourself`));
    expect(r.screen).toContain('Emulator stopped.');
  });
});

describe('rosi emulator --open off a terminal', () => {
  it('opens nothing: prints the URL, and why', async () => {
    const home = fresh();
    const browser = fakeBrowser(home);
    const r = await emulatorOffTerminal(home, ['--open', '--json'], desktop(browser));
    const { url, console_url } = JSON.parse(r.url) as { url: string; console_url: string };
    expect(console_url).toBe(`${url}/`);
    expect(r.stderr).toContain(`Open ${url}/ in your browser (not opened: not on a terminal)\n`);
    expect(await browser.opened(300)).toEqual([]);
  });
});

describeWith(['script'], 'rosi deploy --open and rosi login --open against the emulator', () => {
  let emu: EmulatorHandle;
  let home: string;
  useLoggedInEmulator((s) => ({ emu, home } = s));

  it('deploy --open: the dashboard URL reaches the browser', async () => {
    const browser = fakeBrowser(fresh());
    const app = sampleApp(home, 'opened');
    const r = await onTerminal('deploy --open --hide-triggers', { home, cwd: app, env: desktop(browser) });
    expect(r.code, r.screen).toBe(0);
    const dashboard = /Dashboard\s+(\S+)/.exec(r.screen)?.[1];
    expect(dashboard, r.screen).toMatch(new RegExp(`^${emu.url}/apps/A[A-Z0-9]+$`));
    expect(await browser.opened()).toEqual([dashboard]);
  });

  it('deploy --open in CI: deployed, the dashboard printed, nothing opened', async () => {
    const browser = fakeBrowser(fresh());
    const app = sampleApp(home, 'in-ci');
    const r = await onTerminal('deploy --open', { home, cwd: app, env: desktop(browser, { CI: 'true' }) });
    expect(r.code, r.screen).toBe(0);
    const dashboard = /Dashboard\s+(\S+)/.exec(r.screen)?.[1];
    expect(r.screen).toContain(`Open ${dashboard} in your browser (not opened: CI is set)`);
    expect(await browser.opened(300)).toEqual([]);
  });

  it('login --no-prompt --open: the approval page reaches the browser', async () => {
    const h = fresh();
    const browser = fakeBrowser(h);
    const r = await onTerminal(`login --apihost ${emu.url} --no-prompt --open`, { home: h, env: desktop(browser) });
    expect(r.code, r.screen).toBe(0);
    expect(r.screen).toMatch(/\/slackauthticket \S+/);
    expect(await browser.opened()).toEqual([`${emu.url}/approve`]);
  });
});
