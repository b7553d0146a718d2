import { describe, expect, it } from 'vitest';
import { createIO } from './io.js';
import { browserChoice, openInBrowser, type Opener } from './open-browser.js';

const DISPLAY = { DISPLAY: ':0' };

describe('browserChoice', () => {
  it.each([
    { name: 'Linux desktop on a terminal', env: DISPLAY, platform: 'linux', terminal: true, want: { open: true } },
    { name: 'Wayland only', env: { WAYLAND_DISPLAY: 'wayland-0' }, platform: 'linux', terminal: true, want: { open: true } },
    { name: 'macOS needs no DISPLAY', env: {}, platform: 'darwin', terminal: true, want: { open: true } },
    { name: 'Windows needs no DISPLAY', env: {}, platform: 'win32', terminal: true, want: { open: true } },
    { name: 'WSL opens through Windows', env: { WSL_DISTRO_NAME: 'Ubuntu' }, platform: 'linux', terminal: true, want: { open: true } },
    { name: 'Linux without a display', env: {}, platform: 'linux', terminal: true, want: { open: false, reason: expect.stringMatching(/^no display/) } },
    { name: 'FreeBSD without a display', env: {}, platform: 'freebsd', terminal: true, want: { open: false, reason: expect.stringMatching(/^no display/) } },
    { name: 'not a terminal', env: DISPLAY, platform: 'linux', terminal: false, want: { open: false, reason: 'not on a terminal' } },
    { name: 'CI', env: { ...DISPLAY, CI: 'true' }, platform: 'linux', terminal: true, want: { open: false, reason: 'CI is set' } },
    { name: 'CI=false is no CI', env: { ...DISPLAY, CI: 'false' }, platform: 'linux', terminal: true, want: { open: true } },
    { name: 'CI=0 is no CI', env: { CI: '0' }, platform: 'darwin', terminal: true, want: { open: true } },
    { name: 'BROWSER=none', env: { ...DISPLAY, BROWSER: 'none' }, platform: 'linux', terminal: true, want: { open: false, reason: 'BROWSER is none' } },
    {
      name: 'BROWSER=none wins over CI',
      env: { CI: '1', BROWSER: 'none' },
      platform: 'linux',
      terminal: true,
      want: { open: false, reason: 'BROWSER is none' },
    },
    { name: 'BROWSER names the command', env: { ...DISPLAY, BROWSER: 'firefox' }, platform: 'linux', terminal: true, want: { open: true, browser: 'firefox' } },
    {
      name: 'BROWSER is honoured without a display',
      env: { BROWSER: '/usr/bin/w3m' },
      platform: 'linux',
      terminal: true,
      want: { open: true, browser: '/usr/bin/w3m' },
    },
    {
      name: 'BROWSER is honoured over SSH',
      env: { BROWSER: '/home/me/.vscode-server/browser.sh', SSH_CONNECTION: '10.0.0.1 5 10.0.0.2 22' },
      platform: 'linux',
      terminal: true,
      want: { open: true, browser: '/home/me/.vscode-server/browser.sh' },
    },
    {
      name: 'BROWSER still needs a terminal',
      env: { BROWSER: 'firefox' },
      platform: 'linux',
      terminal: false,
      want: { open: false, reason: 'not on a terminal' },
    },
    { name: 'BROWSER still not in CI', env: { BROWSER: 'firefox', CI: 'true' }, platform: 'linux', terminal: true, want: { open: false, reason: 'CI is set' } },
    {
      name: 'SSH without a display',
      env: { SSH_CONNECTION: '10.0.0.1 5 10.0.0.2 22' },
      platform: 'linux',
      terminal: true,
      want: { open: false, reason: 'over SSH, with no display' },
    },
    {
      name: 'SSH_TTY without a display, even on macOS',
      env: { SSH_TTY: '/dev/ttys001' },
      platform: 'darwin',
      terminal: true,
      want: { open: false, reason: 'over SSH, with no display' },
    },
    { name: 'SSH with X forwarding', env: { SSH_TTY: '/dev/pts/1', DISPLAY: 'localhost:10.0' }, platform: 'linux', terminal: true, want: { open: true } },
  ])('$name', ({ env, platform, terminal, want }) => {
    expect(browserChoice({ env, platform, terminal })).toEqual(want);
  });
});

function place(o: { env?: Record<string, string>; stdoutTTY?: boolean; stderrTTY?: boolean } = {}) {
  let err = '';
  const io = createIO({
    stdout: { write: () => {} },
    stderr: { write: (s) => void (err += s) },
    isStdoutTTY: o.stdoutTTY ?? true,
    isStderrTTY: o.stderrTTY ?? true,
    isStdinTTY: () => true,
    stdoutColor: false,
    stderrColor: false,
    columns: 80,
    json: false,
    promptAllowed: true,
  });
  return { place: { io, env: o.env ?? DISPLAY, platform: 'linux' }, stderr: () => err };
}

function recordingOpener(fail?: Error): { opener: Opener; opened: { url: string; browser: string | undefined }[] } {
  const opened: { url: string; browser: string | undefined }[] = [];
  return {
    opened,
    opener: async (url, browser) => {
      opened.push({ url, browser });
      if (fail) throw fail;
    },
  };
}

const URL_ = 'http://127.0.0.1:5810/apps/A0EMULATOR1';

describe('openInBrowser', () => {
  it('opens the URL and says so', async () => {
    const p = place();
    const o = recordingOpener();
    expect(await openInBrowser(p.place, URL_, o.opener)).toBe(true);
    expect(o.opened).toEqual([{ url: URL_, browser: undefined }]);
    expect(p.stderr()).toBe(`Opened ${URL_} in your browser\n`);
  });

  it('hands BROWSER to the opener', async () => {
    const p = place({ env: { BROWSER: 'firefox' } });
    const o = recordingOpener();
    await openInBrowser(p.place, URL_, o.opener);
    expect(o.opened).toEqual([{ url: URL_, browser: 'firefox' }]);
    expect(p.stderr()).toBe(`Opened ${URL_} in firefox\n`);
  });

  it('a terminal on either stream is enough', async () => {
    const o = recordingOpener();
    expect(await openInBrowser(place({ stdoutTTY: false }).place, URL_, o.opener)).toBe(true);
    expect(await openInBrowser(place({ stderrTTY: false }).place, URL_, o.opener)).toBe(true);
    expect(o.opened).toHaveLength(2);
  });

  it('when it may not open: the URL and why, one line, and the opener is not called', async () => {
    const p = place({ env: { ...DISPLAY, CI: 'true' } });
    const o = recordingOpener();
    expect(await openInBrowser(p.place, URL_, o.opener)).toBe(false);
    expect(o.opened).toEqual([]);
    expect(p.stderr()).toBe(`Open ${URL_} in your browser (not opened: CI is set)\n`);
  });

  it('off a terminal: not opened', async () => {
    const p = place({ stdoutTTY: false, stderrTTY: false });
    const o = recordingOpener();
    expect(await openInBrowser(p.place, URL_, o.opener)).toBe(false);
    expect(o.opened).toEqual([]);
    expect(p.stderr()).toContain('(not opened: not on a terminal)');
  });

  it('a browser that cannot start: a warning with the reason and the URL, never a throw', async () => {
    const p = place({ env: { BROWSER: 'nosuchbrowser' } });
    const o = recordingOpener(Object.assign(new Error('spawn nosuchbrowser ENOENT'), { code: 'ENOENT' }));
    expect(await openInBrowser(p.place, URL_, o.opener)).toBe(false);
    expect(p.stderr()).toBe(`! Could not open a browser (spawn nosuchbrowser ENOENT): open ${URL_} yourself\n`);
  });

  it('every app failing (open’s AggregateError): the first reason', async () => {
    const p = place();
    const o = recordingOpener(new AggregateError([new Error('spawn a ENOENT'), new Error('spawn b ENOENT')], 'Failed to open in all supported apps'));
    await openInBrowser(p.place, URL_, o.opener);
    expect(p.stderr()).toContain('(spawn a ENOENT)');
  });
});
