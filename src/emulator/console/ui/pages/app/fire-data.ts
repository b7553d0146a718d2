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
