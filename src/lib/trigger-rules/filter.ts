// The `filter` of webhook and event triggers: `{version: 1, root: <node>}`, where a node is a comparison
// `{statement: "{{data.x}} == y"}` or `{operator: "AND"|"OR"|"NOT", inputs: [<node>, …]}` (deno-slack-api trigger-filter.ts).
import { isObject } from '../is-object.js';
import { checkReferences, type ReferenceScope } from './references.js';
import type { TriggerFilter } from './types.js';

type Report = (field: string, message: string) => void;

const OPERATORS = ['AND', 'OR', 'NOT'];
const EXAMPLE = '{"version": 1, "root": {"statement": "{{data.reaction}} == eyes"}}';
// Deep enough for any real filter; it stops a pathological file from walking the stack.
const MAX_DEPTH = 32;

/** Checks a filter's shape and the references in its statements; returns it as given when it is valid. */
export function checkFilter(value: unknown, field: string, scope: ReferenceScope, fail: Report): TriggerFilter | undefined {
  if (!isObject(value)) {
    fail(field, `must be an object such as ${EXAMPLE}`);
    return undefined;
  }
  let ok = true;
  const count: Report = (f, m) => {
    ok = false;
    fail(f, m);
  };
  if (typeof value.version !== 'number') count(`${field}.version`, `must be a number: the filter format's version, 1 (got ${JSON.stringify(value.version)})`);
  if (value.root === undefined) count(`${field}.root`, `is required: the condition, e.g. {"statement": "{{data.reaction}} == eyes"}`);
  else checkNode(value.root, `${field}.root`, scope, count, 0);
  return ok ? (value as unknown as TriggerFilter) : undefined;
}

function checkNode(node: unknown, field: string, scope: ReferenceScope, fail: Report, depth: number): void {
  if (depth > MAX_DEPTH) return fail(field, `nests more than ${MAX_DEPTH} levels deep: simplify the filter`);
  if (!isObject(node)) return fail(field, `must be {"statement": "…"} or {"operator": "AND", "inputs": […]} (got ${JSON.stringify(node)})`);
  const hasStatement = node.statement !== undefined;
  const hasOperator = node.operator !== undefined || node.inputs !== undefined;
  if (hasStatement && hasOperator) return fail(field, 'has both a statement and an operator: a node is either a comparison or a group of nodes');
  if (hasStatement) {
    if (typeof node.statement !== 'string' || !node.statement.trim())
      return fail(`${field}.statement`, `must be a comparison such as "{{data.value}} == apple" (got ${JSON.stringify(node.statement)})`);
    return checkReferences(node.statement, `${field}.statement`, scope, fail);
  }
  if (!hasOperator) return fail(field, 'needs a "statement", or an "operator" (AND, OR, NOT) with "inputs"');
  if (typeof node.operator !== 'string' || !OPERATORS.includes(node.operator))
    fail(`${field}.operator`, `must be one of ${OPERATORS.join(', ')} (got ${JSON.stringify(node.operator)})`);
  if (!Array.isArray(node.inputs) || node.inputs.length === 0)
    return fail(`${field}.inputs`, `must be a non-empty list of nodes (got ${JSON.stringify(node.inputs)})`);
  node.inputs.forEach((child, i) => checkNode(child, `${field}.inputs[${i}]`, scope, fail, depth + 1));
}
