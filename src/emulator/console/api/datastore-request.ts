import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorDeps } from '../../deps.js';

/**
 * The part of a console request (`ConsoleRequest` in routes.ts) the datastore endpoints use. Declared here, not
 * imported: routes.ts imports these endpoints, and the import graph has no cycles, type-only ones included.
 */
export interface DatastoreRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The path's captured parts, URL-decoded: app ID, datastore name, and an item's key where there is one. */
  params: string[];
  deps: EmulatorDeps;
}

/** A datastore endpoint, as CONSOLE_ROUTES lists it. */
export interface DatastoreRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: RegExp;
  handle(r: DatastoreRequest): Promise<void>;
}
