import type { Comparator, Condition, FunctionName, Operand, PathPart, PathRef } from './ast.js';
import { ExpressionError } from './errors.js';
import { tokenize, type Token } from './lexer.js';
import { isReserved } from './reserved.js';

const FUNCTIONS = new Set<string>(['attribute_exists', 'attribute_not_exists', 'attribute_type', 'begins_with', 'contains']);
const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'BETWEEN', 'IN']);
/**
 * Deeper nesting than this is refused before it can exhaust the stack. DynamoDB itself has no
 * such limit, but its 300 operators and redundant-parentheses rule stop well before it.
 */
const MAX_DEPTH = 1000;
/** DynamoDB's limit: comparators, BETWEEN, IN, AND, OR, NOT and functions (size too) count one each. */
const MAX_OPERATORS = 300;
/** DynamoDB's IN takes at most 100 operands. */
const MAX_IN_OPERANDS = 100;
/** DynamoDB's list indexes are Java ints. */
const MAX_LIST_INDEX = 2 ** 31 - 1;
const REDUNDANT = 'The expression has redundant parentheses';

/**
 * Recursive descent over DynamoDB's filter grammar. Precedence, loosest first: OR, AND,
 * NOT, then comparisons, BETWEEN, IN and functions; parentheses override it.
 */
class Parser {
  private i = 0;
  private depth = 0;
  private operators = 0;
  /** Conditions written inside parentheses: another pair around one is redundant, which DynamoDB refuses. */
  private readonly grouped = new WeakSet<Condition>();
  private readonly groupedOperands = new WeakSet<Operand>();
  /** Where a "(" is known not to open an operand, so `((((…` is looked ahead once, not once per "(". */
  private readonly notOperand = new Set<number>();

  constructor(private readonly tokens: Token[]) {}

  parse(): Condition {
    const c = this.or();
    if (this.peek().kind !== 'end') this.fail('Syntax error: unexpected token');
    return c;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'end') this.i++;
    return t;
  }

  private fail(message: string, t: Token = this.peek()): never {
    throw new ExpressionError(message, t.pos, t.kind === 'end' ? '<end>' : t.text);
  }

  private isKeyword(word: string, t: Token = this.peek()): boolean {
    return t.kind === 'ident' && t.text.toUpperCase() === word;
  }

  private countOperator(t: Token): void {
    if (++this.operators > MAX_OPERATORS) this.fail(`The expression contains too many operators (at most ${MAX_OPERATORS})`, t);
  }

  private expectPunct(p: string): Token {
    const t = this.peek();
    if (t.kind !== 'punct' || t.text !== p) this.fail(`Syntax error: expected "${p}"`);
    return this.next();
  }

  private or(): Condition {
    let left = this.and();
    while (this.isKeyword('OR')) {
      this.countOperator(this.next());
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Condition {
    let left = this.not();
    while (this.isKeyword('AND')) {
      this.countOperator(this.next());
      left = { kind: 'and', left, right: this.not() };
    }
    return left;
  }

  private not(): Condition {
    this.depth++;
    try {
      if (this.depth > MAX_DEPTH) this.fail('The expression is nested too deeply');
      if (this.isKeyword('NOT')) {
        this.countOperator(this.next());
        return { kind: 'not', condition: this.not() };
      }
      return this.primary();
    } finally {
      this.depth--;
    }
  }

  private primary(): Condition {
    const t = this.peek();
    if (t.kind === 'punct' && t.text === '(' && !this.atGroupedOperand()) {
      this.next();
      const c = this.or();
      this.expectPunct(')');
      if (this.grouped.has(c)) this.fail(REDUNDANT, t);
      this.grouped.add(c);
      return c;
    }
    if (t.kind === 'ident' && FUNCTIONS.has(t.text) && this.peek(1).text === '(') {
      this.countOperator(this.next());
      return { kind: 'function', name: t.text as FunctionName, args: this.args(), pos: t.pos };
    }
    const operand = this.operand();
    const op = this.peek();
    if (op.kind === 'op') {
      this.countOperator(this.next());
      return { kind: 'compare', op: op.text as Comparator, left: operand, right: this.operand(), pos: op.pos };
    }
    if (this.isKeyword('BETWEEN')) {
      this.countOperator(this.next());
      const low = this.operand();
      if (!this.isKeyword('AND')) this.fail('Syntax error: BETWEEN needs AND');
      this.next();
      return { kind: 'between', operand, low, high: this.operand(), pos: op.pos };
    }
    if (this.isKeyword('IN')) {
      this.countOperator(this.next());
      const list = this.args();
      if (list.length === 0) this.fail('Syntax error: IN needs at least one operand', op);
      if (list.length > MAX_IN_OPERANDS) this.fail(`IN takes at most ${MAX_IN_OPERANDS} operands`, op);
      return { kind: 'in', operand, list, pos: op.pos };
    }
    return this.fail(
      operand.kind === 'path' && op.kind === 'end'
        ? 'Syntax error: a condition needs a comparison or a function'
        : 'Syntax error: expected a comparator, BETWEEN or IN',
    );
  }

  /** `( operand, … )`, possibly empty: the caller checks how many it needs. */
  private args(): Operand[] {
    this.expectPunct('(');
    const out: Operand[] = [];
    if (this.peek().text === ')' && this.peek().kind === 'punct') {
      this.next();
      return out;
    }
    for (;;) {
      out.push(this.operand());
      const t = this.next();
      if (t.kind === 'punct' && t.text === ')') return out;
      if (t.kind !== 'punct' || t.text !== ',') this.fail('Syntax error: expected "," or ")"', t);
    }
  }

  /** Whether a "(" opens an operand, as in `(#a) = :v`, rather than a condition: a look ahead that consumes nothing. */
  private atGroupedOperand(): boolean {
    const [start, operators] = [this.i, this.operators];
    if (this.notOperand.has(start)) return false;
    try {
      this.operand();
      return true;
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      // `((#a))` reads as an operand all the way through: the parse proper reports it.
      return e.message.startsWith(REDUNDANT);
    } finally {
      [this.i, this.operators] = [start, operators];
    }
  }

  private operand(): Operand {
    const t = this.peek();
    if (t.kind === 'punct' && t.text === '(') {
      const at = this.i;
      this.next();
      this.depth++;
      try {
        if (this.depth > MAX_DEPTH) this.fail('The expression is nested too deeply', t);
        const inner = this.operand();
        this.expectPunct(')');
        if (this.groupedOperands.has(inner)) this.fail(REDUNDANT, t);
        const grouped = { ...inner };
        this.groupedOperands.add(grouped);
        return grouped;
      } catch (e) {
        // Failing here fails from any deeper start too (less depth and operator budget left).
        if (e instanceof ExpressionError && !e.message.startsWith(REDUNDANT)) this.notOperand.add(at);
        throw e;
      } finally {
        this.depth--;
      }
    }
    if (t.kind === 'value') {
      this.next();
      return { kind: 'value', name: t.text, pos: t.pos };
    }
    if (t.kind === 'ident' && t.text === 'size' && this.peek(1).text === '(') {
      this.countOperator(this.next());
      return { kind: 'size', args: this.args(), pos: t.pos };
    }
    if (t.kind === 'name' || t.kind === 'ident') return { kind: 'path', path: this.path(), pos: t.pos };
    return this.fail('Syntax error: expected an attribute or a value');
  }

  private path(): PathRef {
    const start = this.peek();
    const parts: PathPart[] = [this.element()];
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'punct' || (t.text !== '.' && t.text !== '[')) return { parts, pos: start.pos };
      this.next();
      if (t.text === '.') {
        parts.push(this.element());
        continue;
      }
      const n = this.next();
      if (n.kind !== 'number') this.fail('Syntax error: a list index must be a whole number', n);
      if (n.text.length > 1 && n.text.startsWith('0')) this.fail('Syntax error: a list index has no leading zeros', n);
      const index = Number(n.text);
      if (index > MAX_LIST_INDEX) this.fail(`The list index is not within the allowable range (at most ${MAX_LIST_INDEX})`, n);
      this.expectPunct(']');
      parts.push({ kind: 'index', index, pos: n.pos });
    }
  }

  private element(): PathPart {
    const t = this.next();
    if (t.kind === 'name') return { kind: 'attr', name: t.text, placeholder: true, pos: t.pos };
    if (t.kind === 'ident') {
      if (KEYWORDS.has(t.text.toUpperCase()) || isReserved(t.text)) {
        this.fail('Attribute name is a reserved keyword; use an expression attribute name (#name) instead', t);
      }
      return { kind: 'attr', name: t.text, placeholder: false, pos: t.pos };
    }
    return this.fail('Syntax error: expected an attribute name', t);
  }
}

export function parseExpression(text: string): Condition {
  return new Parser(tokenize(text)).parse();
}
