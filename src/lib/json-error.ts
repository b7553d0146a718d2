import { MAX_JSON_DEPTH } from './json-depth.js';

/**
 * Where JSON text first goes wrong, and what was expected there. V8's JSON.parse messages
 * do not always carry a position (`Unexpected token 'x', "x" is not valid JSON`), so a
 * small scanner walks the grammar again to find it. Call it only for text that failed.
 * The scanner recurses, so nesting past MAX_JSON_DEPTH is where it stops.
 */
export function locateJsonError(s: string): { offset: number; expected: string } {
  let i = 0;
  let depth = 0;
  const fail = (expected: string): never => {
    throw new Located(i, expected);
  };
  const ws = () => {
    while (i < s.length && ' \t\n\r'.includes(s[i] as string)) i++;
  };
  const string = () => {
    i++;
    for (;;) {
      if (i >= s.length) fail('a closing quote');
      const c = s[i] as string;
      if (c === '"') return void i++;
      if (c < ' ') fail('no control characters inside a string');
      if (c === '\\') {
        i++;
        if (s[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 1, i + 5))) fail('four hex digits after \\u');
          i += 4;
        } else if (!'"\\/bfnrt'.includes(s[i] ?? 'x')) fail('an escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)');
      }
      i++;
    }
  };
  const object = () => {
    i++;
    ws();
    if (s[i] === '}') return void i++;
    for (;;) {
      ws();
      if (s[i] !== '"') fail('a property name in double quotes');
      string();
      ws();
      if (s[i] !== ':') fail('":"');
      i++;
      value();
      ws();
      if (s[i] === ',') i++;
      else if (s[i] === '}') return void i++;
      else fail('"," or "}"');
    }
  };
  const array = () => {
    i++;
    ws();
    if (s[i] === ']') return void i++;
    for (;;) {
      value();
      ws();
      if (s[i] === ',') i++;
      else if (s[i] === ']') return void i++;
      else fail('"," or "]"');
    }
  };
  const value = (): void => {
    ws();
    const c = s[i];
    if (c === '{' || c === '[') {
      if (depth >= MAX_JSON_DEPTH) fail(`no more than ${MAX_JSON_DEPTH} levels of nesting`);
      depth++;
      if (c === '{') object();
      else array();
      depth--;
      return;
    }
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(s.slice(i));
      if (!m) fail('a number');
      i += (m as RegExpExecArray)[0].length;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (s.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail('a value');
  };
  try {
    value();
    ws();
    if (i < s.length) fail('the end of the JSON');
  } catch (e) {
    if (e instanceof Located) return { offset: e.offset, expected: e.expected };
    throw e;
  }
  return { offset: s.length, expected: 'valid JSON' };
}

/** 1-based line and column of an offset, and the text of that line, for a caret under it. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number; lineText: string } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n'), lineText: text.split('\n')[line - 1] ?? '' };
}

class Located {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {}
}
