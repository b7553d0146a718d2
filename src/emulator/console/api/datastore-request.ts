import type { ConsoleRequest, ConsoleRoute } from '../route.js';

/** The part of a console request the datastore endpoints use. */
export type DatastoreRequest = Pick<ConsoleRequest, 'req' | 'res' | 'url' | 'params' | 'deps'>;

/** A datastore endpoint, as CONSOLE_ROUTES lists it. */
export type DatastoreRoute = ConsoleRoute;
