/**
 * How deeply parsed JSON may nest. JSON.parse builds any depth, but JSON.stringify and
 * every recursive walk overflow the stack at a few thousand levels; no datastore item
 * nests anywhere near this (DynamoDB allows 32).
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether arrays and objects inside `value` nest more than `max` levels (`{}` is one level,
 * `{"a":[]}` two). Iterative, so the values it guards against cannot overflow it.
 */
export function jsonDepthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}
