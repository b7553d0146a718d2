import { MethodError } from '../errors.js';
import { stringParam, type ParsedRequest } from '../http/index.js';

/*
 * Slack's `ts`: Unix seconds, a dot, six digits of microseconds. They are compared as whole
 * microseconds, so "1700000000.5" and "1700000000.500000" are the same moment.
 */

export function tsMicros(ts: string): number | undefined {
  const m = /^(\d{1,12})(?:\.(\d{1,6}))?$/.exec(ts);
  if (!m) return undefined;
  return Number(m[1]) * 1_000_000 + Number((m[2] ?? '').padEnd(6, '0'));
}

/** `oldest`/`latest`: a ts, or absent; invalid_ts_oldest / invalid_ts_latest for anything else, as Slack answers. */
export function tsParam(req: ParsedRequest, name: 'oldest' | 'latest'): number | undefined {
  const raw = stringParam(req, name);
  if (raw === undefined) return undefined;
  const micros = tsMicros(raw);
  if (micros === undefined) throw new MethodError(`invalid_ts_${name}`);
  return micros;
}
