/** The words of a --where condition, each with its offset for error messages. */
export type Tok =
  | { t: 'ident'; v: string; quoted: boolean; pos: number }
  | { t: 'string'; v: string; pos: number }
  | { t: 'number'; v: number; raw: string; pos: number }
  | { t: 'op'; v: string; pos: number }
  | { t: 'punct'; v: '(' | ')' | ',' | '.' | '[' | ']'; pos: number }
  | { t: 'eof'; pos: number };

const COMPARATORS = ['<=', '>=', '<>', '!=', '==', '=', '<', '>'];

/** A mistake in the condition at `pos` (0-based); `fixed` is the whole condition corrected, when the fix is clear. */
export class WhereSyntax extends Error {
  constructor(
    message: string,
    readonly pos: number,
    readonly fixed?: string,
  ) {
    super(message);
  }
}

// Sticky, matched in place: slicing the rest of the text for every word made long conditions quadratic.
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/y;

function at(re: RegExp, s: string, i: number): RegExpExecArray {
  re.lastIndex = i;
  return re.exec(s) as RegExpExecArray;
}

export function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const pos = i;
    if (/[A-Za-z_]/.test(c)) {
      const m = at(IDENT, s, i);
      out.push({ t: 'ident', v: m[0], quoted: false, pos });
      i += m[0].length;
    } else if (c === '`') {
      const end = s.indexOf('`', i + 1);
      if (end < 0) throw new WhereSyntax('unterminated `name`', pos);
      if (end === i + 1) throw new WhereSyntax('empty `name`', pos);
      out.push({ t: 'ident', v: s.slice(i + 1, end), quoted: true, pos });
      i = end + 1;
    } else if (c === '"' || c === "'") {
      const [v, next] = readString(s, i);
      out.push({ t: 'string', v, pos });
      i = next;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9.]/.test(s[i + 1] ?? ''))) {
      const m = at(NUMBER, s, i);
      if (/[A-Za-z_]/.test(s[i + m[0].length] ?? '')) throw new WhereSyntax(`"${m[0]}${s[i + m[0].length]}…" is not a number`, pos);
      out.push({ t: 'number', v: Number(m[0]), raw: m[0], pos });
      i += m[0].length;
    } else if ('(),.[]'.includes(c)) {
      out.push({ t: 'punct', v: c as '(' | ')' | ',' | '.' | '[' | ']', pos });
      i++;
    } else {
      const op = COMPARATORS.find((o) => s.startsWith(o, i));
      if (!op) throw new WhereSyntax(`unexpected character ${JSON.stringify(c)}`, pos);
      out.push({ t: 'op', v: op, pos });
      i += op.length;
    }
  }
  out.push({ t: 'eof', pos: s.length });
  return out;
}

function readString(s: string, start: number): [string, number] {
  const quote = s[start];
  let v = '';
  for (let i = start + 1; i < s.length; i++) {
    const c = s[i] as string;
    if (c === quote) return [v, i + 1];
    if (c !== '\\') {
      v += c;
      continue;
    }
    const n = s[++i];
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", '/': '/', b: '\b', f: '\f' };
    if (n !== undefined && simple[n] !== undefined) v += simple[n];
    else if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 1, i + 5))) {
      v += String.fromCharCode(parseInt(s.slice(i + 1, i + 5), 16));
      i += 4;
    } else throw new WhereSyntax(`unknown escape \\${n ?? ''} in a string`, i - 1);
  }
  throw new WhereSyntax('unterminated string', start);
}

/** A token as an error message quotes it. */
export function describe(t: Tok): string {
  if (t.t === 'eof') return 'the end';
  if (t.t === 'string') return JSON.stringify(t.v);
  if (t.t === 'number') return t.raw;
  if (t.t === 'ident' && t.quoted) return `\`${t.v}\``;
  return `"${t.v}"`;
}
