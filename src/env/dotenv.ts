import { UsageError } from '../errors/cli-error.js';
import { variableNameProblem } from '../lib/variable-rules.js';

/** One variable of a dotenv file, with the line it starts on (for errors; values are never quoted). */
export interface DotenvEntry {
  name: string;
  value: string;
  line: number;
}

/**
 * Parses a dotenv file as joho/godotenv (the official CLI's parser) reads the common cases:
 * `NAME=value` or `NAME: value`, an optional `export ` before the name, blank lines, `#`
 * comment lines, `# comments` after an unquoted value (a `#` that follows white space),
 * single quotes (taken literally) and double quotes (with `\n`, `\r`, `\t`, `\"`, `\\`
 * escapes), either of which may span lines. Unlike godotenv, `$NAME` is not expanded:
 * values are taken as written. A name given twice keeps its last value, as in godotenv.
 *
 * @param file how the user named the file, for errors: `.env`, `config/prod.env`.
 * @throws UsageError `dotenv_file_parse_error` naming the file and line of the first problem.
 */
export function parseDotenv(text: string, file: string): DotenvEntry[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const found = new Map<string, DotenvEntry>();
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1;
    const fail = (problem: string, hint = 'Fix the line, or comment it out with #.') =>
      new UsageError(`Line ${start} of ${file}: ${problem}`, { code: 'dotenv_file_parse_error', hint });
    const line = (lines[i] as string).trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([^=:\s]*)\s*[=:]\s?(.*)$/s.exec(line);
    if (!m) throw fail('expected NAME=value');
    const name = m[1] as string;
    const problem = variableNameProblem(name);
    if (problem) throw fail(`${JSON.stringify(name)} is not a usable variable name: ${problem}`);
    let rest = (m[2] as string).trimStart();
    const quote = rest[0];
    let value: string;
    if (quote === '"' || quote === "'") {
      // A quoted value runs to its closing quote, on this line or a later one.
      let body = rest.slice(1);
      let close = closingQuote(body, quote);
      while (close < 0 && i + 1 < lines.length) {
        body += `\n${lines[++i] as string}`;
        close = closingQuote(body, quote);
      }
      if (close < 0) throw fail(`the ${quote === '"' ? 'double' : 'single'} quote after ${name}= is never closed`, `Close the quote.`);
      const after = body.slice(close + 1).trim();
      if (after !== '' && !after.startsWith('#')) throw fail(`unexpected text after the closing quote of ${name}`);
      const raw = body.slice(0, close);
      value = quote === '"' ? unescape(raw) : raw;
    } else {
      const comment = /\s#/.exec(rest);
      if (comment) rest = rest.slice(0, comment.index);
      value = rest.trim();
    }
    found.delete(name);
    found.set(name, { name, value, line: start });
  }
  return [...found.values()];
}

/** Where the quote that closes `body` is (a double quote may be escaped), or -1. */
function closingQuote(body: string, quote: string): number {
  for (let j = 0; j < body.length; j++) {
    if (quote === '"' && body[j] === '\\') j++;
    else if (body[j] === quote) return j;
  }
  return -1;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', $: '$' };

/** godotenv's escapes inside double quotes; any other backslash stays as written. */
function unescape(raw: string): string {
  return raw.replace(/\\(.)/gs, (whole, c: string) => ESCAPES[c] ?? whole);
}
