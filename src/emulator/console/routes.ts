import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorDeps } from '../deps.js';
import type { ConsoleState } from './state.js';
import { APP_ROUTES } from './api/app.js';
import { MESSAGES_ROUTES } from './api/messages.js';

/** Under this prefix are the console's JSON endpoints: the emulator's own, not Slack's (README in this folder). */
export const API_PREFIX = '/__console/api/';

export interface ConsoleRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The path's captured parts, URL-decoded. */
  params: string[];
  deps: EmulatorDeps;
  state: ConsoleState;
}

export interface ConsoleRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Matched against the path after API_PREFIX, e.g. /^apps\/([^/]+)$/. */
  path: RegExp;
  /** Writes its own answer (sendConsoleJson); throws ConsoleError for a problem. */
  handle(r: ConsoleRequest): Promise<void> | void;
}

/** Every console endpoint, one list per page's file. */
export const CONSOLE_ROUTES: readonly ConsoleRoute[] = [...APP_ROUTES, ...MESSAGES_ROUTES];
