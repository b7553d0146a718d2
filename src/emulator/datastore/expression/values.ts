/** DynamoDB's type letters for JSON values (sets and binary never come out of JSON). */
export type TypeLetter = 'S' | 'N' | 'BOOL' | 'NULL' | 'L' | 'M';

export const TYPE_LETTERS: ReadonlySet<string> = new Set(['S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'NULL', 'L', 'M']);

export function typeOf(v: unknown): TypeLetter {
  if (typeof v === 'string') return 'S';
  if (typeof v === 'number') return 'N';
  if (typeof v === 'boolean') return 'BOOL';
  if (v === null) return 'NULL';
  return Array.isArray(v) ? 'L' : 'M';
}

/** Equality with DynamoDB's type rules: different types are never equal; lists and maps compare deeply. */
export function equals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const t = typeOf(a);
  if (t !== typeOf(b)) return false;
  if (t === 'L') {
    const x = a as unknown[];
    const y = b as unknown[];
    return x.length === y.length && x.every((v, i) => equals(v, y[i]));
  }
  if (t === 'M') {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    const keys = Object.keys(x);
    return keys.length === Object.keys(y).length && keys.every((k) => Object.hasOwn(y, k) && equals(x[k], y[k]));
  }
  return false;
}

/**
 * Order of two values, or undefined when they cannot be ordered (different types, or a
 * type without an order): then every ordering comparison is false. Strings order by code
 * point, as DynamoDB orders UTF-8 bytes; JavaScript's `<` orders UTF-16 units instead.
 */
export function order(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  return undefined;
}

const SURROGATE = /[\uD800-\uDFFF]/;

export function compareCodePoints(a: string, b: string): number {
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  const x = Array.from(a, (c) => c.codePointAt(0) as number);
  const y = Array.from(b, (c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  }
  return x.length - y.length;
}

/**
 * size(): a string's length in UTF-16 code units (DynamoDB's engine is Java: '😀' has size 2,
 * 'é' size 1), a list's elements, a map's entries; undefined for other types.
 */
export function sizeOf(v: unknown): number | undefined {
  if (typeof v === 'string') return v.length;
  if (Array.isArray(v)) return v.length;
  if (v !== null && typeof v === 'object') return Object.keys(v).length;
  return undefined;
}
