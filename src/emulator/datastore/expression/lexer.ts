import { ExpressionError } from './errors.js';

export type TokenKind = 'name' | 'value' | 'ident' | 'number' | 'op' | 'punct' | 'end';

export interface Token {
  kind: TokenKind;
  text: string;
  /** 1-based column of the token's first character. */
  pos: number;
}

const NAME = /#[A-Za-z0-9_]+/y;
const VALUE = /:[A-Za-z0-9_]+/y;
/** DynamoDB's names start with a letter: `_a` is a syntax error there. */
const IDENT = /[A-Za-z][A-Za-z0-9_]*/y;
const NUMBER = /[0-9]+/y;
const OPERATOR = /<>|<=|>=|=|<|>/y;
const PUNCT = '()[],.';

function match(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(text)?.[0];
}

/** Splits a filter expression into tokens; anything DynamoDB has no token for is a syntax error. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const found: [TokenKind, string | undefined][] = [
      ['name', c === '#' ? match(NAME, text, i) : undefined],
      ['value', c === ':' ? match(VALUE, text, i) : undefined],
      ['ident', match(IDENT, text, i)],
      ['number', match(NUMBER, text, i)],
      ['op', match(OPERATOR, text, i)],
      ['punct', PUNCT.includes(c) ? c : undefined],
    ];
    const hit = found.find(([, t]) => t !== undefined);
    if (!hit) throw new ExpressionError('Syntax error: unexpected character', i + 1, text.slice(i, i + 10));
    tokens.push({ kind: hit[0], text: hit[1] as string, pos: i + 1 });
    i += (hit[1] as string).length;
  }
  tokens.push({ kind: 'end', text: '', pos: text.length + 1 });
  return tokens;
}
