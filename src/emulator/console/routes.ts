import { ACTIVITY_ROUTES } from './api/activity.js';
import { APP_ROUTES } from './api/app.js';
import { DATASTORE_ROUTES } from './api/datastore.js';
import { MESSAGES_ROUTES } from './api/messages.js';
import { OVERVIEW_ROUTES } from './api/overview-routes.js';
import type { ConsoleRoute } from './route.js';

/** Every console endpoint, one list per page's file (each page's file takes its types from route.ts). */
export const CONSOLE_ROUTES: readonly ConsoleRoute[] = [...OVERVIEW_ROUTES, ...APP_ROUTES, ...DATASTORE_ROUTES, ...ACTIVITY_ROUTES, ...MESSAGES_ROUTES];
