/**
 * How deep rosi lets JSON (and a --where condition) nest. Far above what any datastore item
 * or request needs (DynamoDB nests items 32 levels at most), far below where recursive code
 * (JSON.stringify, a parser) would overflow the stack.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether arrays and objects inside `value` nest deeper than `max` (a scalar is depth 0,
 * `{}` and `[]` depth 1). Iterative: the values it guards against would overflow the stack
 * of anything recursive.
 */
export function jsonDepthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
