import type { Condition, Operand, PathRef } from './ast.js';
import { ExpressionError } from './errors.js';
import { parseExpression } from './parser.js';
import { toSql, type SqlFilter } from './sql.js';
import { equals, order, sizeOf, TYPE_LETTERS, typeOf, type TypeLetter } from './values.js';

export type Item = Record<string, unknown>;
export type Predicate = (item: Item) => boolean;

export interface ExpressionInput {
  expression?: string | undefined;
  /** `#name` → attribute name. */
  attributes?: Record<string, string> | undefined;
  /** `:value` → JSON value. */
  values?: Record<string, unknown> | undefined;
  /** The datastore's primary key: DynamoDB refuses a path into a key attribute (`id[0]`, `id.x`). */
  primaryKey?: string | undefined;
}

/** DynamoDB's limit on the length of an expression. */
export const MAX_EXPRESSION_LENGTH = 4096;

const MISSING = Symbol('missing');
type Getter = (item: Item) => unknown;
type Step = string | number;

const UNORDERED = new Set(['BOOL', 'NULL', 'L', 'M']);
/** The types size() measures (of those JSON has). */
const SIZED = new Set(['S', 'L', 'M']);
const ARITY: Record<string, number> = { attribute_exists: 1, attribute_not_exists: 1, attribute_type: 2, begins_with: 2, contains: 2, size: 1 };

/**
 * Parses, checks and compiles a filter expression into a predicate over items. Everything
 * DynamoDB refuses before reading data (syntax, undefined or unused placeholders, wrong
 * arity, operand types it rejects) throws ExpressionError here, never at evaluation.
 */
export function compileExpression(input: ExpressionInput): Predicate {
  return compileFilter(input).predicate;
}

/** The predicate, and the same filter as SQL (undefined when there is no expression). */
export function compileFilter(input: ExpressionInput): { predicate: Predicate; sql: SqlFilter | undefined } {
  const attributes = input.attributes ?? {};
  const values = input.values ?? {};
  const text = input.expression ?? '';
  for (const [key, name] of Object.entries(attributes)) {
    if (!/^#[A-Za-z0-9_]+$/.test(key)) throw new ExpressionError(`ExpressionAttributeNames contains an invalid key: "${key}"`);
    if (name === '') throw new ExpressionError(`ExpressionAttributeNames contains an empty attribute name for key "${key}"`);
  }
  for (const key of Object.keys(values))
    if (!/^:[A-Za-z0-9_]+$/.test(key)) throw new ExpressionError(`ExpressionAttributeValues contains an invalid key: "${key}"`);
  // Only an absent or empty expression means no filter; DynamoDB refuses one of only blanks.
  if (text === '') {
    if (Object.keys(attributes).length > 0 || Object.keys(values).length > 0) {
      throw new ExpressionError('expression_attributes and expression_values can only be given with an expression');
    }
    return { predicate: () => true, sql: undefined };
  }
  if (text.trim() === '')
    throw new ExpressionError('Invalid FilterExpression: The expression can not be empty (it holds only blanks; leave it out to match every item)');
  if (text.length > MAX_EXPRESSION_LENGTH) throw new ExpressionError(`The expression is longer than ${MAX_EXPRESSION_LENGTH} characters`);
  const ast = parseExpression(text);
  const used = { names: new Set<string>(), values: new Set<string>() };
  const predicate = new Compiler(attributes, values, used, input.primaryKey).condition(ast);
  const unusedNames = Object.keys(attributes).filter((k) => !used.names.has(k));
  if (unusedNames.length > 0) throw new ExpressionError(`Value provided in expression_attributes unused in expression: ${unusedNames.join(', ')}`);
  const unusedValues = Object.keys(values).filter((k) => !used.values.has(k));
  if (unusedValues.length > 0) throw new ExpressionError(`Value provided in expression_values unused in expression: ${unusedValues.join(', ')}`);
  return { predicate, sql: toSql(ast, attributes, values) };
}

class Compiler {
  constructor(
    private readonly attributes: Record<string, string>,
    private readonly values: Record<string, unknown>,
    private readonly used: { names: Set<string>; values: Set<string> },
    private readonly primaryKey: string | undefined,
  ) {}

  condition(c: Condition): Predicate {
    switch (c.kind) {
      case 'and': {
        const [l, r] = [this.condition(c.left), this.condition(c.right)];
        return (item) => l(item) && r(item);
      }
      case 'or': {
        const [l, r] = [this.condition(c.left), this.condition(c.right)];
        return (item) => l(item) || r(item);
      }
      case 'not': {
        const inner = this.condition(c.condition);
        return (item) => !inner(item);
      }
      case 'compare':
        return this.compare(c);
      case 'between':
        return this.between(c);
      case 'in': {
        this.distinct('IN', [c.operand, ...c.list]);
        const operand = this.operand(c.operand);
        const list = c.list.map((o) => this.operand(o));
        return (item) => {
          const v = operand(item);
          return (
            v !== MISSING &&
            list.some((g) => {
              const x = g(item);
              return x !== MISSING && equals(v, x);
            })
          );
        };
      }
      case 'function':
        return this.call(c);
    }
  }

  private compare(c: Extract<Condition, { kind: 'compare' }>): Predicate {
    this.distinct(c.op, [c.left, c.right]);
    const [l, r] = [this.operand(c.left), this.operand(c.right)];
    if (c.op === '=' || c.op === '<>') {
      const negate = c.op === '<>';
      return (item) => {
        const [a, b] = [l(item), r(item)];
        return (a !== MISSING && b !== MISSING && equals(a, b)) !== negate;
      };
    }
    this.orderable(c.left, c.op);
    this.orderable(c.right, c.op);
    const test = { '<': (n: number) => n < 0, '<=': (n: number) => n <= 0, '>': (n: number) => n > 0, '>=': (n: number) => n >= 0 }[c.op];
    return (item) => {
      const [a, b] = [l(item), r(item)];
      if (a === MISSING || b === MISSING) return false;
      const o = order(a, b);
      return o !== undefined && test(o);
    };
  }

  private between(c: Extract<Condition, { kind: 'between' }>): Predicate {
    this.distinct('BETWEEN', [c.operand, c.low, c.high]);
    for (const o of [c.operand, c.low, c.high]) this.orderable(o, 'BETWEEN');
    // Only literal bounds are checked: DynamoDB takes size() against a string bound, which is then false.
    if (c.low.kind === 'value' && c.high.kind === 'value') {
      const [lowType, highType] = [typeOf(this.value(c.low)), typeOf(this.value(c.high))];
      if (lowType !== highType)
        throw new ExpressionError(
          `The BETWEEN operator requires the same data type for its lower and upper bounds; lower bound: ${lowType}, upper bound: ${highType}`,
          c.pos,
          'BETWEEN',
        );
      const o = order(this.values[c.low.name], this.values[c.high.name]);
      if (o !== undefined && o > 0) throw new ExpressionError('BETWEEN needs its lower bound first', c.pos, 'BETWEEN');
    }
    const [v, lo, hi] = [this.operand(c.operand), this.operand(c.low), this.operand(c.high)];
    return (item) => {
      const [x, a, b] = [v(item), lo(item), hi(item)];
      if (x === MISSING || a === MISSING || b === MISSING) return false;
      const [low, high] = [order(x, a), order(x, b)];
      return low !== undefined && high !== undefined && low >= 0 && high <= 0;
    };
  }

  /**
   * Functions take values and size() where DynamoDB does (`begins_with(:v, #a)`,
   * `contains(:list, #a)`, `attribute_type(:v, :t)`); only attribute_exists and
   * attribute_not_exists need a document path.
   */
  private call(c: Extract<Condition, { kind: 'function' }>): Predicate {
    this.arity(c.name, c.args.length, c.pos);
    this.distinct(c.name, c.args);
    const target = c.args[0] as Operand;
    const second = c.args[1] as Operand;
    if ((c.name === 'attribute_exists' || c.name === 'attribute_not_exists') && target.kind !== 'path') {
      throw new ExpressionError(`Operator or function requires a document path; operator or function: ${c.name}`, target.pos, c.name);
    }
    const get = this.operand(target);
    switch (c.name) {
      case 'attribute_exists':
        return (item) => get(item) !== MISSING;
      case 'attribute_not_exists':
        return (item) => get(item) === MISSING;
      case 'attribute_type': {
        const t = second.kind === 'value' ? this.value(second) : undefined;
        if (typeof t !== 'string' || !TYPE_LETTERS.has(t))
          throw new ExpressionError(`attribute_type needs a type (S, N, BOOL, NULL, L, M, SS, NS, B, BS) as a value`, c.pos, c.name);
        return (item) => {
          const v = get(item);
          return v !== MISSING && typeOf(v) === t;
        };
      }
      case 'begins_with': {
        for (const o of c.args) if ((this.staticType(o) ?? 'S') !== 'S') throw this.operandType(c.name, o);
        const s = this.operand(second);
        return (item) => {
          const [v, p] = [get(item), s(item)];
          return typeof v === 'string' && typeof p === 'string' && v.startsWith(p);
        };
      }
      case 'contains': {
        const s = this.operand(second);
        return (item) => {
          const [v, x] = [get(item), s(item)];
          if (v === MISSING || x === MISSING) return false;
          if (typeof v === 'string') return typeof x === 'string' && v.includes(x);
          return Array.isArray(v) && v.some((e) => equals(e, x));
        };
      }
    }
  }

  private operand(o: Operand): Getter {
    if (o.kind === 'value') {
      const v = this.value(o);
      return () => v;
    }
    if (o.kind === 'size') {
      this.arity('size', o.args.length, o.pos);
      const target = o.args[0] as Operand;
      if (!SIZED.has(this.staticType(target) ?? 'S')) throw this.operandType('size', target);
      const get = this.operand(target);
      return (item) => {
        const v = get(item);
        return v === MISSING ? MISSING : (sizeOf(v) ?? MISSING);
      };
    }
    return this.path(o.path);
  }

  private value(o: Extract<Operand, { kind: 'value' }>): unknown {
    if (!Object.hasOwn(this.values, o.name))
      throw new ExpressionError(`An expression attribute value used in the expression is not defined: ${o.name}`, o.pos, o.name);
    this.used.values.add(o.name);
    return this.values[o.name];
  }

  /** The path's attribute names (placeholders resolved) and list indexes. */
  private steps(p: PathRef): Step[] {
    const steps = p.parts.map((part) => {
      if (part.kind === 'index') return part.index;
      if (!part.placeholder) return part.name;
      if (!Object.hasOwn(this.attributes, part.name))
        throw new ExpressionError(`An expression attribute name used in the document path is not defined: ${part.name}`, part.pos, part.name);
      this.used.names.add(part.name);
      return this.attributes[part.name] as string;
    });
    if (steps.length > 1 && steps[0] === this.primaryKey)
      throw new ExpressionError(`Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: ${this.primaryKey}`, p.pos);
    return steps;
  }

  private path(p: PathRef): Getter {
    const steps = this.steps(p);
    return (item) => {
      let cur: unknown = item;
      for (const s of steps) {
        if (typeof s === 'number') {
          if (!Array.isArray(cur) || s >= cur.length) return MISSING;
          cur = cur[s];
        } else {
          if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !Object.hasOwn(cur, s)) return MISSING;
          cur = (cur as Item)[s];
        }
      }
      return cur;
    };
  }

  /** The type an operand has before any item is read: a value's, N for size(); undefined for a path. */
  private staticType(o: Operand): TypeLetter | undefined {
    if (o.kind === 'value') return typeOf(this.value(o));
    return o.kind === 'size' ? 'N' : undefined;
  }

  /** DynamoDB refuses an operator or function whose first operand is a path that reappears among the others (`#a = #a`). */
  private distinct(op: string, [first, ...rest]: Operand[]): void {
    if (first?.kind !== 'path') return;
    const key = JSON.stringify(this.steps(first.path));
    const same = rest.find((o) => o.kind === 'path' && JSON.stringify(this.steps(o.path)) === key);
    if (same)
      throw new ExpressionError(`The first operand must be distinct from the remaining operands for this operator or function; operator: ${op}`, same.pos, op);
  }

  /** DynamoDB refuses to order by a literal of a type without an order. */
  private orderable(o: Operand, op: string): void {
    if (o.kind !== 'value') return;
    const t = typeOf(this.value(o));
    if (UNORDERED.has(t)) throw new ExpressionError(`Incorrect operand type for operator or function; operator: ${op}, operand type: ${t}`, o.pos, o.name);
  }

  private arity(name: string, n: number, pos: number): void {
    if (ARITY[name] !== n) throw new ExpressionError(`Incorrect number of operands for function ${name}: it takes ${ARITY[name]}, got ${n}`, pos, name);
  }

  private operandType(name: string, o: Operand): ExpressionError {
    const t = o.kind === 'value' ? typeOf(this.value(o)) : o.kind === 'size' ? 'N' : 'path';
    return new ExpressionError(
      `Incorrect operand type for operator or function; operator or function: ${name}, operand type: ${t}`,
      o.pos,
      o.kind === 'value' ? o.name : name,
    );
  }
}
