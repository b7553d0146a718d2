import type { ConsoleRoute } from '../route.js';
import { overview } from './overview.js';
import { getRequest, listRequests } from './requests.js';

/** The overview page's endpoints: the emulator's people and apps, and the request inspector. */
export const OVERVIEW_ROUTES: readonly ConsoleRoute[] = [
  { method: 'GET', path: /^overview$/, handle: overview },
  { method: 'GET', path: /^requests$/, handle: listRequests },
  { method: 'GET', path: /^requests\/([^/]+)$/, handle: getRequest },
];
