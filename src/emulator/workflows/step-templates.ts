// A step's inputs, filled from the workflow's inputs and earlier steps' outputs (runtime contract §3.2, §6.3
// item 2): `{{inputs.<name>}}` and `{{steps.<step id>.<output>}}`, nested properties by dots.

/** What a step's templates can reach: the workflow's inputs, and each completed step's outputs by step ID. */
export interface StepScope {
  inputs: Record<string, unknown>;
  steps: Record<string, Record<string, unknown>>;
}

const TEMPLATE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const WHOLE = /^\{\{\s*([^{}]*?)\s*\}\}$/;

function lookup(path: string, scope: StepScope): unknown {
  const [root, ...keys] = path.split('.');
  let value: unknown = root === 'inputs' ? scope.inputs : root === 'steps' ? scope.steps : undefined;
  for (const key of keys) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value ?? undefined;
}

/**
 * The step's inputs with templates filled in. A string that is exactly one template keeps the value's JSON
 * type; a template inside longer text is written into it (strings as they are, anything else as JSON).
 * `missing` lists the `steps.*` references no earlier step produced: the step fails on those. An input
 * reference with no value leaves the input out (an optional workflow input nobody gave).
 */
export function resolveStepInputs(inputs: Record<string, unknown>, scope: StepScope): { values: Record<string, unknown>; missing: string[] } {
  const missing: string[] = [];
  const note = (path: string, v: unknown) => {
    if (v === undefined && path.startsWith('steps.') && !missing.includes(path)) missing.push(path);
    return v;
  };
  const resolve = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const whole = WHOLE.exec(value);
      if (whole) return note(whole[1] as string, lookup(whole[1] as string, scope));
      return value.replace(TEMPLATE, (_m, path: string) => {
        const v = note(path, lookup(path, scope));
        return v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
      });
    }
    if (Array.isArray(value)) return value.map(resolve);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(
        Object.entries(value).flatMap(([k, v]) => {
          const r = resolve(v);
          return r === undefined ? [] : [[k, r]];
        }),
      );
    }
    return value;
  };
  return { values: resolve(inputs) as Record<string, unknown>, missing };
}
