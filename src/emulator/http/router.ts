import type { EmulatorDeps } from '../deps.js';
import { MethodError } from '../errors.js';
import type { ParsedRequest } from './request.js';

/** A Slack method: returns the fields of an ok answer, or throws MethodError. */
export type Handler = (req: ParsedRequest, deps: EmulatorDeps) => Record<string, unknown> | Promise<Record<string, unknown>>;

/** One family's methods (auth, apps, hosting, …), keyed by Slack method name. */
export type Family = Readonly<Record<string, Handler>>;

export interface Router {
  has(method: string): boolean;
  /** Runs the method; the answer is always a Slack envelope. Unexpected errors propagate. */
  dispatch(req: ParsedRequest, deps: EmulatorDeps): Promise<Record<string, unknown>>;
}

export function createRouter(families: readonly Family[]): Router {
  const table = new Map<string, Handler>();
  for (const family of families) {
    for (const [name, handler] of Object.entries(family)) {
      if (table.has(name)) throw new Error(`Two handlers for ${name}`);
      table.set(name, handler);
    }
  }
  return {
    has: (method) => table.has(method),
    async dispatch(req, deps) {
      const handler = table.get(req.method);
      if (!handler) return failure(new MethodError('unknown_method'));
      try {
        return { ok: true, ...(await handler(req, deps)) };
      } catch (e) {
        if (e instanceof MethodError) return failure(e);
        throw e;
      }
    },
  };
}

export function failure(e: MethodError): Record<string, unknown> {
  return { ok: false, error: e.code, ...e.extra };
}
