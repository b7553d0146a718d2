import type { Rng } from '../helpers/random.js';

/** A datastore attribute of each kind the manifest allows, two untyped ones, a reserved word and a dotted name. */
export const ATTRIBUTES: Record<string, { type: string }> = {
  id: { type: 'string' },
  s: { type: 'string' },
  n: { type: 'number' },
  b: { type: 'boolean' },
  l: { type: 'array' },
  m: { type: 'object' },
  v: { type: '#/types/anything' },
  w: { type: '#/types/anything' },
  status: { type: 'string' },
  'a.b': { type: 'string' },
};

/* Few distinct strings and numbers, so that equality, prefixes and ranges often hit. */
// Strings that order differently by UTF-16 unit and by code point ('\uFFFD' and 'ﬀ' against '😀').
const STRINGS = ['', 'a', 'ab', 'abc', 'b', 'B', 'ba', 'z', 'é', 'éa', '😀', '😀a', '\uFFFD', 'ﬀ', 'a b', 'S', 'N', '10', '2', 'k'];
const NUMBERS = [0, 1, -1, 2, 3, 10, -10, 0.5, -2.25, 3.75, 100, 1e6, 0.001, -0.001, 12345.678, 42, 1e21, -1.5e-7, 9007199254740993];
const KEYS = ['k', 'x', 'y', 'a b', 'é'];

export type Json = Record<string, unknown>;

export function jsonValue(r: Rng, depth = 0): unknown {
  const roll = r.int(depth > 2 ? 80 : 100);
  if (roll < 32) return r.pick(STRINGS);
  if (roll < 64) return r.pick(NUMBERS);
  if (roll < 72) return r.chance(0.5);
  if (roll < 80) return null;
  if (roll < 90) return Array.from({ length: r.int(4) }, () => jsonValue(r, depth + 1));
  return mapValue(r, depth);
}

function mapValue(r: Rng, depth: number): Json {
  return Object.fromEntries(KEYS.filter(() => r.chance(0.6)).map((k) => [k, jsonValue(r, depth + 1)]));
}

/** An item with each attribute present three times in four, sometimes null (which any type allows). */
export function randomItem(r: Rng, id: string): Json {
  const item: Json = { id };
  const maybe = (name: string, make: () => unknown) => {
    if (r.chance(0.75)) item[name] = r.chance(0.05) ? null : make();
  };
  maybe('s', () => r.pick(STRINGS));
  maybe('n', () => r.pick(NUMBERS));
  maybe('b', () => r.chance(0.5));
  maybe('l', () => Array.from({ length: r.int(5) }, () => jsonValue(r, 1)));
  maybe('m', () => mapValue(r, 0));
  maybe('v', () => jsonValue(r));
  maybe('w', () => jsonValue(r));
  maybe('status', () => r.pick(STRINGS));
  maybe('a.b', () => r.pick(STRINGS));
  return item;
}

/** Every `#name` the expressions may use; `#no` names an attribute no item has. */
export const NAMES: Record<string, string> = {
  '#id': 'id',
  '#s': 's',
  '#n': 'n',
  '#b': 'b',
  '#l': 'l',
  '#m': 'm',
  '#v': 'v',
  '#w': 'w',
  '#st': 'status',
  '#ab': 'a.b',
  '#k': 'k',
  '#x': 'x',
  '#y': 'y',
  '#no': 'nope',
};

const PATHS = [
  '#s',
  '#n',
  '#b',
  '#l',
  '#m',
  '#v',
  '#w',
  '#st',
  '#ab',
  '#id',
  '#no',
  '#m.#k',
  '#m.#x',
  '#m.#x.#k',
  '#m.#k[0]',
  '#l[0]',
  '#l[1]',
  '#l[3]',
  '#l[0].#k',
  '#l[1][0]',
  '#v[0]',
  '#v.#k',
  '#v[1][0]',
  '#w.#y',
  '#w[2]',
  's',
  'n',
  'b',
  'v',
  'l[2]',
  'm.k',
  'm.x.k',
  'w.y',
  'v[0]',
];
/*
 * Reserved words, which DynamoDB refuses as bare names. The emulator knows only the part of
 * DynamoDB's list an app's attribute is likely to be called (expression/reserved.ts); these are in both.
 */
const RESERVED_BARE = ['status', 'name', 'count', 'data', 'value', 'type'];
const TYPES = ['S', 'N', 'BOOL', 'NULL', 'L', 'M', 'SS', 'NS', 'B', 'BS'];
const COMPARATORS = ['=', '<>', '<', '<=', '>', '>='];
const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'BETWEEN', 'IN']);
const GARBAGE = ['(', ')', ',', '=', 'AND', 'OR', 'NOT', 'BETWEEN', 'IN', 'size', '#', ':', '.', '[0]', '$', '==', '!='];

/** A filter request: what both engines get. */
export interface Case {
  expression: string;
  names: Record<string, string>;
  values: Json;
  /** How the generator broke it, if it did (for the failure message; the engines decide). */
  broken?: string;
}

class Builder {
  private n = 0;
  readonly values = new Map<string, unknown>();
  constructor(private readonly r: Rng) {}

  value(v: unknown = this.scalarLike()): string {
    // Now and then the same placeholder twice, which DynamoDB allows.
    if (this.values.size > 0 && this.r.chance(0.05)) return this.r.pick([...this.values.keys()]);
    const key = `:p${this.n++}`;
    this.values.set(key, v);
    return key;
  }

  /** Mostly strings and numbers (so comparisons can match), sometimes any JSON value. */
  scalarLike(): unknown {
    const r = this.r;
    return r.chance(0.8) ? (r.chance(0.5) ? r.pick(STRINGS) : r.pick(NUMBERS)) : jsonValue(r, 1);
  }

  path(): string {
    return this.r.pick(PATHS);
  }

  operand(): string[] {
    const roll = this.r.int(40);
    if (roll < 22) return [this.path()];
    if (roll < 36) return [this.value()];
    if (roll < 38) return ['size', '(', this.path(), ')'];
    if (roll < 39) return ['size', '(', this.value(), ')'];
    return ['(', ...this.operand(), ')'];
  }

  /** A function's first operand: mostly a path, sometimes a value, which most functions take too. */
  private target(): string {
    return this.r.chance(0.9) ? this.path() : this.value();
  }

  condition(depth = 0): string[] {
    const r = this.r;
    switch (depth > 3 ? r.int(6) : r.int(10)) {
      case 0:
      case 1:
        return [...this.operand(), r.pick(COMPARATORS), ...this.operand()];
      case 2: {
        const numeric = r.chance(0.5);
        const pool: readonly unknown[] = numeric ? NUMBERS : STRINGS;
        let [lo, hi] = [r.pick(pool), r.pick(pool)];
        const inOrder = numeric ? (lo as number) <= (hi as number) : (lo as string) <= (hi as string);
        // Mostly in order: reversed bounds are an error DynamoDB reports.
        if (!inOrder && r.chance(0.9)) [lo, hi] = [hi, lo];
        if (r.chance(0.1)) hi = this.scalarLike();
        const bound = (v: unknown) => (r.chance(0.1) ? this.operand() : [this.value(v)]);
        return [...this.operand(), 'BETWEEN', ...bound(lo), 'AND', ...bound(hi)];
      }
      case 3: {
        const list = Array.from({ length: 1 + r.int(4) }, () => (r.chance(0.8) ? [this.value()] : this.operand()));
        return [...this.operand(), 'IN', '(', ...list.flatMap((x, i) => (i === 0 ? x : [',', ...x])), ')'];
      }
      case 4:
        return this.call();
      case 5:
        return this.call();
      case 6:
      case 7:
        return [...this.condition(depth + 1), r.pick(['AND', 'OR']), ...this.condition(depth + 1)];
      case 8:
        return ['NOT', ...this.condition(depth + 1)];
      default:
        return ['(', ...this.condition(depth + 1), ')'];
    }
  }

  private call(): string[] {
    const r = this.r;
    const path = this.target();
    switch (r.int(5)) {
      case 0:
        return [r.pick(['attribute_exists', 'attribute_not_exists']), '(', path, ')'];
      case 1:
        return ['attribute_type', '(', path, ',', this.value(r.chance(0.95) ? r.pick(TYPES) : r.pick(['STRING', 's', ''])), ')'];
      case 2:
        return ['begins_with', '(', path, ',', ...(r.chance(0.85) ? [this.value(r.pick(STRINGS))] : this.operand()), ')'];
      default:
        return ['contains', '(', path, ',', ...(r.chance(0.8) ? [this.value()] : this.operand()), ')'];
    }
  }
}

/** The placeholders an expression's text uses, as DynamoDB reads them. */
const used = (text: string, sigil: '#' | ':') => new Set(text.match(sigil === '#' ? /#[A-Za-z0-9_]+/g : /:[A-Za-z0-9_]+/g) ?? []);

/** A way to break an expression: each yields something DynamoDB refuses, or may. */
const BREAKERS: { name: string; apply(tokens: string[], r: Rng, c: { names: Record<string, string>; values: Json }): void }[] = [
  { name: 'a token dropped', apply: (t, r) => void t.splice(r.int(t.length), 1) },
  { name: 'a token inserted', apply: (t, r) => void t.splice(r.int(t.length + 1), 0, r.pick(GARBAGE)) },
  { name: 'an unused value', apply: (_t, r, c) => void (c.values[':unused'] = r.pick(STRINGS)) },
  { name: 'an unused name', apply: (_t, _r, c) => void (c.names['#unused'] = 'u') },
  { name: 'an undefined value', apply: (t) => void t.push('AND', '#s', '=', ':undefined') },
  { name: 'an undefined name', apply: (t) => void t.push('OR', 'attribute_exists', '(', '#undefined', ')') },
  { name: 'a reserved word bare', apply: (t, r) => void t.push('AND', r.pick(RESERVED_BARE), '<>', ':p0') },
  {
    name: 'wrong arity',
    apply: (t, r) =>
      void t.push(
        'OR',
        ...r.pick([
          ['attribute_exists', '(', '#s', ',', '#n', ')'],
          ['begins_with', '(', '#s', ')'],
          ['contains', '(', ')'],
          ['size', '(', '#s', ',', '#l', ')', '>', ':p0'],
          ['attribute_type', '(', '#s', ')'],
        ]),
      ),
  },
  {
    name: 'a value as a function target',
    apply: (t, r) =>
      void t.push(
        'AND',
        ...r.pick([
          ['size', '(', ':p0', ')', '=', '#n'],
          ['attribute_exists', '(', ':p0', ')'],
          ['begins_with', '(', ':p0', ',', '#s', ')'],
        ]),
      ),
  },
  { name: 'a function as an operand', apply: (t) => void t.push('AND', 'attribute_exists', '(', '#s', ')', '=', ':p0') },
  {
    name: 'an odd path',
    apply: (t, r) =>
      void t.push(
        'OR',
        ...r.pick([['#l[2147483648]'], ['#l[2147483647]'], ['#l[01]'], ['_s'], ['s1'], ['#l', '[', '0', ']'], ['#m', '.', '#k'], ['#l[-1]'], ['1s']]),
        '=',
        ':p0',
      ),
  },
  {
    name: 'IN with about 100 operands',
    apply: (t, r) => void t.push('OR', '#n', 'IN', '(', ...Array.from({ length: 98 + r.int(5) }, (_, i) => (i ? [',', ':p0'] : [':p0'])).flat(), ')'),
  },
  { name: 'near 300 operators', apply: (t, r) => void t.push(...Array.from({ length: 130 + r.int(40) }, () => ['OR', '#s', '=', ':p0']).flat()) },
  { name: 'a long chain of NOT', apply: (t, r) => void t.unshift(...Array<string>(270 + r.int(40)).fill('NOT')) },
  { name: 'an unknown function', apply: (t, r) => void t.push('OR', r.pick(['has', 'SIZE', 'Contains', 'exists']), '(', '#s', ')') },
];

/** One random filter; about one in five deliberately broken. */
export function randomCase(r: Rng): Case {
  const b = new Builder(r);
  const tokens = b.condition();
  if (!tokens.some((t) => t.startsWith(':p0'))) b.value(); // `:p0` exists for breakers that name it
  const c: Case = { expression: '', names: {}, values: {} };
  const breaker = r.chance(0.2) ? r.pick(BREAKERS) : undefined;
  // Placeholders first, from what the intact expression uses; breakers then add or take away.
  const intact = tokens.join(' ');
  for (const k of used(intact, '#')) if (NAMES[k] !== undefined) c.names[k] = NAMES[k];
  for (const [k, v] of b.values) if (used(intact, ':').has(k)) c.values[k] = v;
  if (breaker) {
    breaker.apply(tokens, r, c);
    c.broken = breaker.name;
    const text = tokens.join(' ');
    for (const k of used(text, '#')) if (NAMES[k] !== undefined) c.names[k] ??= NAMES[k];
    for (const [k, v] of b.values) if (used(text, ':').has(k)) c.values[k] ??= v;
  }
  // Keywords in any case; white space of any kind, or none where tokens allow it.
  const cased = tokens.map((t) => (KEYWORDS.has(t) && r.chance(0.2) ? r.pick([t.toLowerCase(), t[0] + t.slice(1).toLowerCase()]) : t));
  c.expression = cased.join(r.pick([' ', ' ', ' ', '  ', '\t', '\n']));
  return c;
}
