import type { IO } from './io.js';

type Env = Readonly<Record<string, string | undefined>>;

/** What decides whether a page may open: the Context satisfies it. */
export interface BrowserPlace {
  readonly io: IO;
  readonly env: Env;
  /** Node's platform name: 'linux', 'darwin', 'win32', … */
  readonly platform: string;
}

export type BrowserChoice = { open: true; browser?: string } | { open: false; reason: string };

/** Opens `url`, with `browser` as the command when one is named (BROWSER); resolves once it is launched. */
export type Opener = (url: string, browser: string | undefined) => Promise<void>;

const isCI = (env: Env) => Boolean(env.CI) && env.CI !== 'false' && env.CI !== '0';

/**
 * Whether a browser may open here, and with what. A page opens only for a person at a terminal: never
 * in CI, nor when both stdout and stderr go elsewhere (a script). BROWSER=none says no; any other
 * BROWSER is the user's own answer to how pages open here, so it is used even over SSH or without a
 * display (VS Code's remote sessions set one that opens the page on the user's own machine).
 * Without it, over SSH a browser would open on the far machine, and on Linux with no display it
 * cannot open at all: both only print the URL. WSL opens through Windows, display or not.
 */
export function browserChoice(p: { env: Env; platform: string; terminal: boolean }): BrowserChoice {
  const { env } = p;
  const browser = env.BROWSER?.trim();
  if (browser === 'none') return { open: false, reason: 'BROWSER is none' };
  if (isCI(env)) return { open: false, reason: 'CI is set' };
  if (!p.terminal) return { open: false, reason: 'not on a terminal' };
  if (browser) return { open: true, browser };
  const display = Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
  if ((env.SSH_CONNECTION || env.SSH_TTY) && !display) return { open: false, reason: 'over SSH, with no display' };
  const opensWithoutDisplay = p.platform === 'darwin' || p.platform === 'win32' || Boolean(env.WSL_DISTRO_NAME);
  if (!opensWithoutDisplay && !display) return { open: false, reason: 'no display: DISPLAY and WAYLAND_DISPLAY are unset' };
  return { open: true };
}

/**
 * The `open` package, loaded on first use only: no command pays for it at start-up. It resolves once
 * the browser (or xdg-open, open, start) is launched, without waiting for it; rosi may exit at once.
 */
export const openWithOpenPackage: Opener = async (url, browser) => {
  const loaded = await import('open');
  // In the built CLI import() is a require() of the ESM package (scripts/build.mjs), and esbuild then
  // hands over the whole module as `default`: open is its own `default`.
  const open = typeof loaded.default === 'function' ? loaded.default : (loaded.default as unknown as typeof loaded).default;
  await open(url, browser ? { app: { name: browser } } : {});
};

/**
 * Opens `url` in the user's browser when browserChoice allows it, else prints it with the reason, on
 * one stderr line. Never throws: a browser that cannot start is said, and the URL printed instead.
 * Answers whether it opened.
 */
export async function openInBrowser(place: BrowserPlace, url: string, opener: Opener = openWithOpenPackage): Promise<boolean> {
  const { io } = place;
  const choice = browserChoice({ env: place.env, platform: place.platform, terminal: io.isStdoutTTY || io.isStderrTTY });
  if (!choice.open) {
    io.info(`Open ${url} in your browser (not opened: ${choice.reason})`);
    return false;
  }
  try {
    await opener(url, choice.browser);
  } catch (e) {
    io.warn(`Could not open a browser (${failure(e)}): open ${url} yourself`);
    return false;
  }
  io.info(`Opened ${url} in ${choice.browser ?? 'your browser'}`);
  return true;
}

function failure(e: unknown): string {
  const errors = e instanceof AggregateError ? e.errors : [e];
  const first = errors[0];
  const text = first instanceof Error ? first.message : String(first);
  return text.split('\n')[0] || 'unknown error';
}
