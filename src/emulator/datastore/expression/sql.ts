import type { Condition, Operand, PathRef } from './ast.js';
import { typeOf } from './values.js';

/**
 * A filter as an SQL condition over the item's JSON text (`json` column), for counting
 * without parsing every item in JavaScript. `exact` says the condition matches precisely
 * the items the predicate does; otherwise it matches a superset (the predicate still runs
 * on what it lets through). Leaves it cannot express exactly become "every item".
 */
export interface SqlFilter {
  where: string;
  params: unknown[];
  exact: boolean;
}

type Out = SqlFilter;

const ANY: Out = { where: '1', params: [], exact: false };
const NONE: Out = { where: '0', params: [], exact: true };
/*
 * Strings whose SQLite form could differ from JavaScript's: a lone surrogate has no UTF-8
 * encoding, and NUL is where C string handling stops. Too rare to be worth trusting to
 * SQLite: filters with them are left to the predicate, which is exact by definition.
 */
const UNSAFE_TEXT = /[\u0000\uD800-\uDFFF]/;
const safeText = (s: string) => !UNSAFE_TEXT.test(s) || /^(?:[^\u0000\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/.test(s);

const JSON_TYPES: Record<string, string[]> = { S: ['text'], N: ['integer', 'real'], BOOL: ['true', 'false'], NULL: ['null'], L: ['array'], M: ['object'] };

export function toSql(c: Condition, attributes: Record<string, string>, values: Record<string, unknown>): SqlFilter {
  return new SqlCompiler(attributes, values).condition(c);
}

class SqlCompiler {
  constructor(
    private readonly attributes: Record<string, string>,
    private readonly values: Record<string, unknown>,
  ) {}

  condition(c: Condition): Out {
    switch (c.kind) {
      case 'and':
      case 'or': {
        const [l, r] = [this.condition(c.left), this.condition(c.right)];
        // OR of two supersets is a superset; AND of them too. Exact only when both are.
        return { where: `(${l.where} ${c.kind.toUpperCase()} ${r.where})`, params: [...l.params, ...r.params], exact: l.exact && r.exact };
      }
      case 'not': {
        const inner = this.condition(c.condition);
        // NOT of a superset is no superset of anything: only an exact inside can be negated.
        return inner.exact ? { where: `(NOT ${inner.where})`, params: inner.params, exact: true } : ANY;
      }
      case 'compare': {
        const pv = this.pathAndValue(c.left, c.right);
        if (!pv) return ANY;
        if (c.op === '=') return this.equals(pv.path, pv.value);
        if (c.op === '<>') {
          const eq = this.equals(pv.path, pv.value);
          return eq.exact ? { where: `(NOT ${eq.where})`, params: eq.params, exact: true } : ANY;
        }
        // `:v < #a` is `#a > :v`.
        const op = pv.flipped ? ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const)[c.op] : c.op;
        return this.ordered(pv.path, [[op, pv.value]]);
      }
      case 'between': {
        if (c.operand.kind !== 'path' || c.low.kind !== 'value' || c.high.kind !== 'value') return ANY;
        return this.ordered(c.operand.path, [
          ['>=', this.values[c.low.name]],
          ['<=', this.values[c.high.name]],
        ]);
      }
      case 'in': {
        if (c.operand.kind !== 'path' || !c.list.every((o) => o.kind === 'value')) return ANY;
        const path = c.operand.path;
        return c.list
          .map((o) => this.equals(path, this.values[(o as { name: string }).name]))
          .reduce((a, b) => ({ where: `(${a.where} OR ${b.where})`, params: [...a.params, ...b.params], exact: a.exact && b.exact }));
      }
      case 'function':
        return this.call(c);
    }
  }

  private call(c: Extract<Condition, { kind: 'function' }>): Out {
    const target = c.args[0];
    const path = target?.kind === 'path' ? this.jsonPath(target.path) : undefined;
    if (path === undefined) return ANY;
    const second = c.args[1];
    const value = second?.kind === 'value' ? this.values[second.name] : undefined;
    switch (c.name) {
      case 'attribute_exists':
        return { where: '(json_type(json, ?) IS NOT NULL)', params: [path], exact: true };
      case 'attribute_not_exists':
        return { where: '(json_type(json, ?) IS NULL)', params: [path], exact: true };
      case 'attribute_type': {
        const types = JSON_TYPES[value as string];
        // Set and binary types never come out of JSON: nothing has them.
        return types ? this.typeIs(path, types) : NONE;
      }
      case 'begins_with':
        if (typeof value !== 'string' || !safeText(value)) return ANY;
        return {
          where: "coalesce(json_type(json, ?) = 'text' AND substr(json_extract(json, ?), 1, ?) = ?, 0)",
          params: [path, path, [...value].length, value],
          exact: true,
        };
      default:
        return ANY;
    }
  }

  /** The path and the literal of a comparison between one of each. */
  private pathAndValue(a: Operand, b: Operand): { path: PathRef; value: unknown; flipped: boolean } | undefined {
    if (a.kind === 'path' && b.kind === 'value') return { path: a.path, value: this.values[b.name], flipped: false };
    if (a.kind === 'value' && b.kind === 'path') return { path: b.path, value: this.values[a.name], flipped: true };
    return undefined;
  }

  private equals(p: PathRef, value: unknown): Out {
    const path = this.jsonPath(p);
    if (path === undefined) return ANY;
    const t = typeOf(value);
    if (t === 'BOOL') return this.typeIs(path, [value ? 'true' : 'false']);
    if (t === 'NULL') return this.typeIs(path, ['null']);
    if (t === 'L' || t === 'M' || (typeof value === 'string' && !safeText(value))) return ANY;
    const types = JSON_TYPES[t] as string[];
    return {
      where: `coalesce(json_type(json, ?) IN (${types.map((x) => `'${x}'`).join(', ')}) AND json_extract(json, ?) = ?, 0)`,
      params: [path, path, value],
      exact: true,
    };
  }

  /** Ordering comparisons: only between two strings or two numbers; anything else is false. */
  private ordered(p: PathRef, bounds: [string, unknown][]): Out {
    const path = this.jsonPath(p);
    if (path === undefined) return ANY;
    const t = typeOf(bounds[0]?.[1]);
    if ((t !== 'S' && t !== 'N') || !bounds.every(([, v]) => typeOf(v) === t)) return NONE;
    if (bounds.some(([, v]) => typeof v === 'string' && !safeText(v))) return ANY;
    const types = (JSON_TYPES[t] as string[]).map((x) => `'${x}'`).join(', ');
    const tests = bounds.map(([op]) => `json_extract(json, ?) ${op} ?`).join(' AND ');
    return { where: `coalesce(json_type(json, ?) IN (${types}) AND ${tests}, 0)`, params: [path, ...bounds.flatMap(([, v]) => [path, v])], exact: true };
  }

  private typeIs(path: string, types: string[]): Out {
    return { where: `coalesce(json_type(json, ?) IN (${types.map((x) => `'${x}'`).join(', ')}), 0)`, params: [path], exact: true };
  }

  /** A SQLite JSON path, or undefined for names it cannot quote. */
  private jsonPath(p: PathRef): string | undefined {
    let out = '$';
    for (const part of p.parts) {
      if (part.kind === 'index') {
        out += `[${part.index}]`;
        continue;
      }
      const name = part.placeholder ? this.attributes[part.name] : part.name;
      if (name === undefined || /["\\]/.test(name) || !safeText(name)) return undefined;
      out += `."${name}"`;
    }
    return out;
  }
}
