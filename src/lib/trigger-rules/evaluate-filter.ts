// Whether a trip passes a trigger's filter (`{version, root}`, checked by filter.ts when the trigger was saved).
// Pure: the emulator's webhook endpoint and its workflow runner decide with it. Slack documents the shape and
// the four comparisons, not their exact semantics; what is chosen here is listed in the emulator's README.
import { isObject } from '../is-object.js';
import { lookup, type TripContext } from './templates.js';

const COMPARISON = /(==|!=|>|<)/;
const TEMPLATE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const WHOLE = /^\{\{\s*([^{}]*?)\s*\}\}$/;

/**
 * True when the trip passes `filter`: AND needs every input, OR one, NOT none (so NOT over several inputs is
 * "none of them"). A statement compares two sides, each a `{{…}}` reference or literal text (quotes around it
 * are dropped): `==`/`!=` compare numbers as numbers when both sides are numbers, anything else as text
 * (`true` equals "true"); `>`/`<` hold only between two numbers. A reference the trip lacks is null, which
 * equals only the text `null`. A statement with no comparison in it holds for no trip.
 */
export function filterPasses(filter: unknown, trip: TripContext): boolean {
  return isObject(filter) && nodePasses(filter.root, trip, 0);
}

// filter.ts refuses deeper filters when they are saved; this only keeps a stored one from walking the stack.
const MAX_DEPTH = 64;

function nodePasses(node: unknown, trip: TripContext, depth: number): boolean {
  if (!isObject(node) || depth > MAX_DEPTH) return false;
  if (typeof node.statement === 'string') return statementHolds(node.statement, trip);
  const inputs = Array.isArray(node.inputs) ? node.inputs : [];
  const results = inputs.map((child) => nodePasses(child, trip, depth + 1));
  switch (node.operator) {
    case 'AND':
      return results.length > 0 && results.every(Boolean);
    case 'OR':
      return results.some(Boolean);
    case 'NOT':
      return results.length > 0 && !results.some(Boolean);
    default:
      return false;
  }
}

function statementHolds(statement: string, trip: TripContext): boolean {
  // The comparison is looked for outside the references, whose paths could hold any character.
  const masked = statement.replace(TEMPLATE, (m) => ' '.repeat(m.length));
  const at = COMPARISON.exec(masked);
  if (!at) return false;
  const op = at[1] as string;
  const left = side(statement.slice(0, at.index), trip);
  const right = side(statement.slice(at.index + op.length), trip);
  const a = asNumber(left);
  const b = asNumber(right);
  const numeric = a !== undefined && b !== undefined;
  switch (op) {
    case '==':
      return numeric ? a === b : asText(left) === asText(right);
    case '!=':
      return numeric ? a !== b : asText(left) !== asText(right);
    case '>':
      return numeric && a > b;
    default:
      return numeric && a < b;
  }
}

function side(text: string, trip: TripContext): unknown {
  const trimmed = text.trim();
  const ref = WHOLE.exec(trimmed);
  if (ref) return lookup(ref[1] as string, trip) ?? null;
  const quoted = /^"(.*)"$|^'(.*)'$/s.exec(trimmed);
  return quoted ? (quoted[1] ?? quoted[2]) : trimmed;
}

function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

function asText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || typeof v !== 'object') return String(v);
  return JSON.stringify(v);
}
