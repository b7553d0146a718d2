/** The trip's data as JSON: an object, or empty for none. Answers the object or what is wrong with the text. */
export function parseData(text: string): { data: Record<string, unknown> } | { problem: string } {
  if (text.trim() === '') return { data: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { problem: `The data is not JSON: ${e instanceof Error ? e.message : String(e)}.` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: 'The data must be a JSON object, e.g. {"name": "Ada"}.' };
  return { data: value as Record<string, unknown> };
}

/** The data box's first text: each path the trigger's inputs read from the data, empty, nested as the paths say. */
export function dataSkeleton(paths: readonly string[]): string {
  const root: Record<string, unknown> = {};
  for (const path of paths) {
    const keys = path.split('.');
    let at = root;
    keys.forEach((key, i) => {
      if (i === keys.length - 1) {
        if (!(key in at)) at[key] = '';
        return;
      }
      const next = at[key];
      at = typeof next === 'object' && next !== null ? (next as Record<string, unknown>) : (at[key] = {});
    });
  }
  return paths.length === 0 ? '{}' : JSON.stringify(root, null, 2);
}
