import { hostname } from 'node:os';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLoopbackHost } from '../../lib/loopback.js';
import type { EmulatorDeps } from '../deps.js';
import { serveAsset } from './assets.js';
import { checkWrite } from './guard.js';
import { ConsoleError, sendConsoleJson, sendProblem } from './reply.js';
import { API_PREFIX } from './route.js';
import { CONSOLE_ROUTES } from './routes.js';
import { ASSETS_PREFIX, CONSOLE_PAGE_HEADERS, shellHtml } from './shell.js';
import type { ConsoleState } from './state.js';

/** The live channel's address. */
export const EVENTS_PATH = '/__console/events';

/**
 * The console's pages, drawn in the browser from the one shell: `/` (overview), `/messages`, and an app's
 * pages under `/apps/<id>` (the dashboard URL `rosi deploy` prints): its datastores, activity and traces.
 */
const PAGE = /^\/(?:messages\/?|apps\/[^/]+(?:\/(?:activity|datastores\/[^/]+|traces\/[^/]+))?\/?)?$/;

export function isConsolePath(pathname: string): boolean {
  return PAGE.test(pathname) || pathname.startsWith('/__console/') || pathname.startsWith('/apps/');
}

export async function serveConsole(req: IncomingMessage, res: ServerResponse, url: URL, deps: EmulatorDeps, state: ConsoleState): Promise<void> {
  const method = req.method ?? 'GET';
  try {
    if (!fromThisMachine(req.socket.remoteAddress)) {
      throw new ConsoleError(403, 'console_local_only', 'The console answers only on the machine the emulator runs on.', {
        hint: `It reads and changes every app’s data without a token. Open it there, or through an SSH tunnel: ${tunnel(req.socket.localPort)}, then http://127.0.0.1:${req.socket.localPort ?? 5810}/.`,
      });
    }
    if (url.pathname.startsWith(API_PREFIX)) return await api(req, res, url, deps, state);
    if (method !== 'GET' && method !== 'HEAD') throw new ConsoleError(405, 'method_not_allowed', `${method} is not allowed on ${url.pathname}.`);
    if (url.pathname === EVENTS_PATH) return state.live.open(req, res);
    if (url.pathname.startsWith(ASSETS_PREFIX)) {
      const served = await serveAsset(res, state.assetsDir, url.pathname.slice(ASSETS_PREFIX.length), method === 'HEAD');
      if (served) return;
      throw new ConsoleError(404, 'not_found', `No console file ${url.pathname}.`, {
        hint: 'The console is built with rosi: run `npm run build` in a checkout.',
      });
    }
    if (url.pathname.startsWith('/__console/')) throw new ConsoleError(404, 'not_found', `Nothing at ${url.pathname}.`);
    return page(res, url, deps, state, method === 'HEAD');
  } catch (e) {
    if (!(e instanceof ConsoleError)) throw e;
    if (res.headersSent) res.destroy();
    else sendProblem(res, e);
  }
}

function page(res: ServerResponse, url: URL, deps: EmulatorDeps, state: ConsoleState, head: boolean): void {
  const html = shellHtml({ token: state.token, team: deps.team });
  // An app that is not there is still drawn (the page says so), but answered 404 for whoever reads the status.
  // So is a path that is no page (the page says that).
  const appId = /^\/apps\/([^/]+)/.exec(url.pathname)?.[1];
  const status = !PAGE.test(url.pathname) || (appId !== undefined && !deps.store.apps.get(safeDecode(appId))) ? 404 : 200;
  res.writeHead(status, { ...CONSOLE_PAGE_HEADERS, 'content-length': Buffer.byteLength(html) });
  res.end(head ? undefined : html);
}

async function api(req: IncomingMessage, res: ServerResponse, url: URL, deps: EmulatorDeps, state: ConsoleState): Promise<void> {
  const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
  const rest = url.pathname.slice(API_PREFIX.length);
  // Before anything else: a refused write learns nothing, not even whether the endpoint exists.
  if (method !== 'GET') checkWrite(req, state.token);
  let allowed = false;
  for (const route of CONSOLE_ROUTES) {
    const m = route.path.exec(rest);
    if (!m) continue;
    allowed = true;
    if (route.method !== method) continue;
    const params = m.slice(1).map((p) => safeDecode(p ?? ''));
    return await route.handle({ req, res, url, params, deps, state });
  }
  if (allowed) throw new ConsoleError(405, 'method_not_allowed', `${method} is not allowed on ${url.pathname}.`);
  throw new ConsoleError(404, 'not_found', `No console endpoint ${url.pathname}.`, {
    hint: 'The console’s endpoints are listed in the README, under “The console”.',
  });
}

/**
 * The console needs no token: it is the developer's own view of their local platform. So when the emulator
 * listens beyond loopback (`--host 0.0.0.0`, for a container or another device's app), the API is there
 * for the network, but the console stays with this machine.
 */
/** The tunnel to this machine that brings the console to another one, as a command to run there. */
function tunnel(port: number | undefined): string {
  const p = port ?? 5810;
  return `ssh -L ${p}:127.0.0.1:${p} ${hostname()}`;
}

export function fromThisMachine(address: string | undefined): boolean {
  if (address === undefined) return false;
  return isLoopbackHost(address.replace(/^::ffff:/i, ''));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new ConsoleError(400, 'invalid_path', 'The path has a broken %-escape.');
  }
}

export { sendConsoleJson };
