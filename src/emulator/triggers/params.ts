import { MethodError } from '../errors.js';
import { jsonParam, stringParam, type ParsedRequest } from '../http/index.js';

/**
 * A list of IDs: comma-joined (the official CLI's form), a JSON array (a JSON body), or a JSON array
 * in a string (the SDK's form). Undefined when absent or empty.
 */
export function idsParam(req: ParsedRequest, name: string): string[] | undefined {
  const raw = req.params[name];
  if (raw === undefined || raw === '') return undefined;
  const value = typeof raw === 'string' && !raw.trimStart().startsWith('[') ? raw.split(',') : jsonParam(req, name);
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new MethodError('invalid_arguments');
  const ids = value.map((v) => v.trim()).filter(Boolean);
  return ids.length > 0 ? ids : undefined;
}

/** The trigger a call names; invalid_arguments without one. */
export function triggerIdParam(req: ParsedRequest): string {
  const id = stringParam(req, 'trigger_id');
  if (id === undefined) throw new MethodError('invalid_arguments');
  return id;
}

/** `limit`: absent or 0 means every trigger in one page (the official CLI relies on it); else a whole number. */
export function limitParam(req: ParsedRequest): number | undefined {
  const raw = stringParam(req, 'limit');
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new MethodError('invalid_arguments');
  return n === 0 ? undefined : n;
}
