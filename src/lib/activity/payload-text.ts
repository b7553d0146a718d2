import { isObject } from '../is-object.js';

/** The payload as an object, whatever arrived: a missing or malformed payload reads as empty. */
export function payloadOf(a: { payload: unknown }): Record<string, unknown> {
  const p = a.payload;
  return isObject(p) ? p : {};
}

/** "Shortcut trigger" from a payload's `trigger.type` ("shortcut"), or just "Trigger" without one. */
export function triggerSubject(p: Record<string, unknown>): string {
  const trigger = p.trigger;
  const type = isObject(trigger) ? text(trigger.type) : '';
  if (type === '') return 'Trigger';
  return `${type.toLowerCase().replace(/(^|\s)(\S)/g, (_m, space: string, c: string) => space + c.toUpperCase())} trigger`;
}

/** A payload value as text: strings as they are, scalars as written, objects as compact JSON, nothing as "". */
export function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v) ?? '';
}

/** Indents every line after the first, so a multi-line value stays inside its entry. */
export function indentLines(s: string, indent = '\t'): string {
  return s.replace(/\r?\n/g, `\n${indent}`);
}

/** `msg` plus `detail` on its own indented line(s); an empty detail adds nothing. */
export function withDetail(msg: string, detail: unknown, indent = '\t'): string {
  const d = text(detail);
  return d === '' ? msg : `${msg}\n${indent}${indentLines(d, indent)}`;
}

/** `errors` arrives as a string holding a JSON array of strings; an array, a plain string or null are tolerated too. */
export function errorList(v: unknown): string[] {
  let list = v;
  if (typeof v === 'string') {
    try {
      list = JSON.parse(v);
    } catch {
      return v === '' ? [] : [v];
    }
  }
  if (Array.isArray(list)) return list.map(text);
  return list === undefined || list === null ? [] : [text(list)];
}
