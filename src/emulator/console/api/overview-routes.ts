import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorDeps } from '../../deps.js';
import type { ConsoleState } from '../state.js';
import { overview } from './overview.js';
import { getRequest, listRequests } from './requests.js';

/**
 * The overview page's endpoints: the emulator's people and apps, and the request inspector. Shaped as
 * routes.ts's ConsoleRoute (which lists them) without importing it, so the list and its entries stay apart.
 */
export const OVERVIEW_ROUTES: readonly {
  method: 'GET';
  path: RegExp;
  handle(r: { req: IncomingMessage; res: ServerResponse; url: URL; params: string[]; deps: EmulatorDeps; state: ConsoleState }): void;
}[] = [
  { method: 'GET', path: /^overview$/, handle: overview },
  { method: 'GET', path: /^requests$/, handle: listRequests },
  { method: 'GET', path: /^requests\/([^/]+)$/, handle: getRequest },
];
