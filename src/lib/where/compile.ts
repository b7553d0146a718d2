import { MAX_JSON_DEPTH } from '../json-depth.js';
import { suggestions } from '../suggest.js';
import { describe, tokenize, WhereSyntax, type Tok } from './lexer.js';

/** A filter in DynamoDB's wire form: what `apps.datastore.query` and `count` take. */
export interface CompiledWhere {
  expression: string;
  expression_attributes: Record<string, string>;
  expression_values: Record<string, unknown>;
}

type Path = (string | number)[];
type Operand = { k: 'path'; path: Path } | { k: 'value'; value: unknown } | { k: 'size'; path: Path };
type Cond =
  // A chain is one node, not a left-leaning tree: a thousand "or"s must not mean a thousand stack frames.
  | { k: 'and' | 'or'; list: Cond[] }
  | { k: 'not'; e: Cond }
  | { k: 'cmp'; op: string; l: Operand; r: Operand }
  | { k: 'between'; e: Operand; lo: Operand; hi: Operand }
  | { k: 'in'; e: Operand; list: Operand[] }
  | { k: 'exists'; not: boolean; path: Path }
  | { k: 'fn'; name: 'begins_with' | 'contains'; path: Path; arg: Operand };

// Reserved in this little language; an attribute with one of these names is written in backticks (`in`).
const KEYWORDS = new Set(['and', 'or', 'not', 'between', 'in', 'true', 'false', 'null']);

/** What rosi shows under an invalid --where, wherever it is typed (the CLI's flag, the console's filter box). */
export const WHERE_HINT = 'Example: --where \'status = "done" and priority >= 2\'. Strings take double quotes; quote odd attribute names with backticks.';

/**
 * An invalid --where: the message names the column of the first mistake, `details` are the condition with a
 * caret under it, and `fixed` is the condition corrected, when there is one obvious fix.
 */
export class InvalidWhere extends Error {
  constructor(
    message: string,
    readonly details: string[],
    readonly fixed: string | undefined,
  ) {
    super(message);
    this.name = 'InvalidWhere';
  }
}

/**
 * Compiles `status = "done" and priority >= 2` into a DynamoDB filter expression with
 * `#name` attribute placeholders and `:vN` value placeholders, so names that DynamoDB
 * reserves (status, name, date…) and values of any type go over the wire safely.
 *
 * @throws InvalidWhere naming the column of the first mistake.
 */
export function compileWhere(source: string): CompiledWhere {
  return located(source, () => new Emitter().run(new Parser(source).parseAll()));
}

/**
 * Refuses attributes the datastore does not declare. Only an attribute path's first name is
 * checked: what is inside a map or list is not declared anywhere.
 *
 * @throws InvalidWhere at the first unknown name, suggesting the nearest known one.
 */
export function checkWhereAttributes(source: string, datastore: string, attributes: readonly string[]): void {
  located(source, () => {
    const parser = new Parser(source);
    parser.parseAll();
    const bad = parser.roots.find((r) => !attributes.includes(r.name));
    if (!bad) return;
    const near = suggestions(bad.name, attributes)[0];
    const fix = near === undefined ? undefined : `${source.slice(0, bad.pos)}${attributeText(near)}${source.slice(bad.end)}`;
    throw new WhereSyntax(`datastore ${datastore} has no attribute "${bad.name}"${near === undefined ? '' : ` (did you mean ${near}?)`}`, bad.pos, fix);
  });
}

function located<T>(source: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof WhereSyntax)) throw e;
    throw new InvalidWhere(`Invalid --where at column ${e.pos + 1}: ${e.message}`, excerpt(source, e.pos), e.fixed);
  }
}

/** An attribute name as --where takes it: bare when it can be, in backticks otherwise. */
function attributeText(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name.toLowerCase()) ? name : `\`${name}\``;
}

/** The condition with a caret under `pos`; a long one is cut to the 60 characters before it. */
function excerpt(source: string, pos: number): string[] {
  const from = Math.max(0, pos - 60);
  const text = source.slice(from, pos + 20);
  const cut = from > 0 ? '…' : '';
  return [`${cut}${text}${pos + 20 < source.length ? '…' : ''}`, `${' '.repeat(cut.length + pos - from)}^`];
}

class Parser {
  private readonly toks: Tok[];
  private i = 0;
  /** Parentheses and "not"s open around the current token; each is a level of recursion. */
  private depth = 0;
  /** The first name of every attribute path, where it stands in the text. */
  readonly roots: { name: string; pos: number; end: number }[] = [];
  constructor(private readonly text: string) {
    this.toks = tokenize(text);
  }

  parseAll(): Cond {
    if (this.peek().t === 'eof') throw new WhereSyntax('the condition is empty', 0);
    const c = this.or();
    const t = this.peek();
    if (t.t !== 'eof') throw new WhereSyntax(t.t === 'punct' && t.v === ')' ? 'unmatched ")"' : `expected "and", "or" or the end, found ${describe(t)}`, t.pos);
    return c;
  }

  private peek(ahead = 0): Tok {
    return this.toks[Math.min(this.i + ahead, this.toks.length - 1)] as Tok;
  }
  private next(): Tok {
    return this.toks[this.i++] as Tok;
  }
  private isWord(word: string, t = this.peek()): boolean {
    return t.t === 'ident' && !t.quoted && t.v.toLowerCase() === word;
  }
  private isPunct(p: string, t = this.peek()): boolean {
    return t.t === 'punct' && t.v === p;
  }
  private expectPunct(p: string, what: string): void {
    const t = this.peek();
    if (!this.isPunct(p, t)) throw new WhereSyntax(`expected "${p}" ${what}, found ${describe(t)}`, t.pos);
    this.i++;
  }

  private or(): Cond {
    const list = [this.and()];
    while (this.isWord('or')) {
      this.i++;
      list.push(this.and());
    }
    return list.length === 1 ? (list[0] as Cond) : { k: 'or', list };
  }

  private and(): Cond {
    const list = [this.not()];
    while (this.isWord('and')) {
      this.i++;
      list.push(this.not());
    }
    return list.length === 1 ? (list[0] as Cond) : { k: 'and', list };
  }

  private not(): Cond {
    if (!this.isWord('not')) return this.primary();
    this.i++;
    if (this.isFunction('exists')) {
      const path = this.existsCall();
      return { k: 'exists', not: true, path };
    }
    return { k: 'not', e: this.nested(() => this.not()) };
  }

  /** Parses one level deeper, refusing to go past MAX_JSON_DEPTH before the stack would. */
  private nested(parse: () => Cond): Cond {
    if (++this.depth > MAX_JSON_DEPTH) {
      throw new WhereSyntax(`the condition nests more than ${MAX_JSON_DEPTH} levels deep (parentheses and "not"s)`, this.peek().pos);
    }
    const c = parse();
    this.depth--;
    return c;
  }

  private isFunction(name: string): boolean {
    const t = this.peek();
    return t.t === 'ident' && !t.quoted && this.isPunct('(', this.peek(1)) && normalizeFn(t.v) === name;
  }

  private existsCall(): Path {
    const fn = this.next() as Extract<Tok, { t: 'ident' }>;
    this.i++; // (
    const path = this.path(`inside ${fn.v}(…)`);
    this.expectPunct(')', `to close ${fn.v}(`);
    return path;
  }

  private primary(): Cond {
    const t = this.peek();
    if (this.isPunct('(', t)) {
      this.i++;
      if (this.isPunct(')')) throw new WhereSyntax('empty parentheses', this.peek().pos);
      const c = this.nested(() => this.or());
      this.expectPunct(')', 'to close the "(" at column ' + (t.pos + 1));
      return c;
    }
    if (this.isFunction('exists')) return { k: 'exists', not: false, path: this.existsCall() };
    if (this.isFunction('not_exists')) return { k: 'exists', not: true, path: this.existsCall() };
    if (this.isFunction('begins_with') || this.isFunction('contains')) {
      const fn = this.next() as Extract<Tok, { t: 'ident' }>;
      this.i++;
      const path = this.path(`as the first argument of ${fn.v}(…)`);
      this.expectPunct(',', `between the arguments of ${fn.v}(…)`);
      const arg = this.operand(`as the second argument of ${fn.v}(…)`, true);
      this.expectPunct(')', `to close ${fn.v}(`);
      return { k: 'fn', name: normalizeFn(fn.v) as 'begins_with' | 'contains', path, arg };
    }
    const l = this.operand('a condition');
    const op = this.peek();
    const valueSide = l.k !== 'value';
    if (op.t === 'op') {
      this.i++;
      const r = this.operand(`after "${op.v}"`, valueSide);
      if (l.k === 'value' && r.k === 'value') throw new WhereSyntax('a comparison needs an attribute on one side', t.pos);
      const norm = op.v === '!=' ? '<>' : op.v === '==' ? '=' : op.v;
      return { k: 'cmp', op: norm, l, r };
    }
    if (this.isWord('between')) {
      this.i++;
      const lo = this.operand('after "between"', valueSide);
      if (!this.isWord('and')) throw new WhereSyntax(`expected "and" in "between … and …", found ${describe(this.peek())}`, this.peek().pos);
      this.i++;
      return { k: 'between', e: l, lo, hi: this.operand('after "between … and"', valueSide) };
    }
    if (this.isWord('in')) {
      this.i++;
      this.expectPunct('(', 'after "in"');
      const list: Operand[] = [this.operand('in the "in (…)" list', valueSide)];
      while (this.isPunct(',')) {
        this.i++;
        list.push(this.operand('in the "in (…)" list', valueSide));
      }
      this.expectPunct(')', 'to close the "in (…)" list');
      return { k: 'in', e: l, list };
    }
    throw new WhereSyntax(`expected a comparison (=, <>, <, <=, >, >=, between, in) after ${describe(t)}, found ${describe(op)}`, op.pos);
  }

  /**
   * A value, an attribute or size(…). Where a value belongs (`valueSide`), a bare word is
   * refused rather than read as an attribute: `owner = ana` means the string far more often
   * than a second attribute, which takes backticks there (`owner = \`manager\``).
   */
  private operand(where: string, valueSide = false): Operand {
    const t = this.peek();
    if (t.t === 'string' || t.t === 'number') {
      this.i++;
      return { k: 'value', value: t.v };
    }
    if (t.t === 'ident' && !t.quoted) {
      const word = t.v.toLowerCase();
      if (word === 'true' || word === 'false' || word === 'null') {
        this.i++;
        return { k: 'value', value: word === 'null' ? null : word === 'true' };
      }
      if (this.isFunction('size')) {
        this.i++;
        this.i++;
        const path = this.path('inside size(…)');
        this.expectPunct(')', 'to close size(');
        return { k: 'size', path };
      }
    }
    const path = this.path(where, true);
    if (valueSide && t.t === 'ident' && !t.quoted) {
      const end = endOf(this.toks[this.i - 1] as Tok);
      const word = this.text.slice(t.pos, end);
      const fixed = `${this.text.slice(0, t.pos)}${JSON.stringify(word)}${this.text.slice(end)}`;
      throw new WhereSyntax(
        `${word} is a bare word where a value belongs: a string takes double quotes, "${word}"; an attribute there, backticks`,
        t.pos,
        fixed,
      );
    }
    return { k: 'path', path };
  }

  private path(where: string, orValue = false): Path {
    const pos = this.peek().pos;
    const first = this.name(where, orValue);
    const path: Path = [first];
    this.roots.push({ name: first, pos, end: endOf(this.toks[this.i - 1] as Tok) });
    for (;;) {
      if (this.isPunct('.')) {
        this.i++;
        path.push(this.name('after "."'));
      } else if (this.isPunct('[')) {
        this.i++;
        const n = this.peek();
        if (n.t !== 'number' || !Number.isInteger(n.v) || n.v < 0) throw new WhereSyntax(`expected a list index, found ${describe(n)}`, n.pos);
        this.i++;
        path.push(n.v);
        this.expectPunct(']', 'to close the list index');
      } else return path;
    }
  }

  private name(where: string, orValue = false): string {
    const t = this.peek();
    if (t.t === 'ident' && (t.quoted || !KEYWORDS.has(t.v.toLowerCase()))) {
      this.i++;
      return t.v;
    }
    const reserved = t.t === 'ident' ? ` (a keyword: write \`${t.v}\` for an attribute of that name)` : '';
    const what = orValue ? 'an attribute or a value' : 'an attribute';
    throw new WhereSyntax(`expected ${what} ${where.startsWith('a ') ? `to start ${where}` : where}, found ${describe(t)}${reserved}`, t.pos);
  }
}

/** Where a token of an attribute path ends in the text. */
function endOf(t: Tok): number {
  if (t.t === 'ident') return t.pos + t.v.length + (t.quoted ? 2 : 0);
  if (t.t === 'number') return t.pos + t.raw.length;
  return t.pos + 1;
}

function normalizeFn(name: string): string {
  const n = name.toLowerCase();
  if (n === 'attribute_exists') return 'exists';
  if (n === 'attribute_not_exists') return 'not_exists';
  return n;
}

class Emitter {
  private readonly names = new Map<string, string>();
  private readonly taken = new Set<string>();
  private readonly values = new Map<string, string>();
  private readonly out: CompiledWhere = { expression: '', expression_attributes: {}, expression_values: {} };

  run(c: Cond): CompiledWhere {
    this.out.expression = this.cond(c);
    return this.out;
  }

  private cond(c: Cond): string {
    switch (c.k) {
      case 'or':
        return c.list.map((e) => this.cond(e)).join(' OR ');
      case 'and':
        return c.list.map((e) => this.wrapIf(e, 'or')).join(' AND ');
      case 'not':
        return c.e.k === 'exists' || c.e.k === 'fn' ? `NOT ${this.cond(c.e)}` : `NOT (${this.cond(c.e)})`;
      case 'cmp':
        return `${this.operand(c.l)} ${c.op} ${this.operand(c.r)}`;
      case 'between':
        return `${this.operand(c.e)} BETWEEN ${this.operand(c.lo)} AND ${this.operand(c.hi)}`;
      case 'in':
        return `${this.operand(c.e)} IN (${c.list.map((o) => this.operand(o)).join(', ')})`;
      case 'exists':
        return `${c.not ? 'attribute_not_exists' : 'attribute_exists'}(${this.path(c.path)})`;
      case 'fn':
        return `${c.name}(${this.path(c.path)}, ${this.operand(c.arg)})`;
    }
  }

  private wrapIf(c: Cond, kind: Cond['k']): string {
    return c.k === kind ? `(${this.cond(c)})` : this.cond(c);
  }

  private operand(o: Operand): string {
    if (o.k === 'path') return this.path(o.path);
    if (o.k === 'size') return `size(${this.path(o.path)})`;
    const key = JSON.stringify(o.value);
    let ph = this.values.get(key);
    if (!ph) {
      ph = `:v${this.values.size}`;
      this.values.set(key, ph);
      this.out.expression_values[ph] = o.value;
    }
    return ph;
  }

  private path(p: Path): string {
    return p.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${this.name(part)}`)).join('');
  }

  private name(n: string): string {
    const known = this.names.get(n);
    if (known) return known;
    // Readable placeholders where the name allows one; a counter otherwise or on a clash.
    const base = /^[A-Za-z0-9_]+$/.test(n) ? `#${n}` : `#a${this.names.size}`;
    let ph = base;
    for (let k = 1; this.taken.has(ph); k++) ph = `${base}_${k}`;
    this.names.set(n, ph);
    this.taken.add(ph);
    this.out.expression_attributes[ph] = n;
    return ph;
  }
}
