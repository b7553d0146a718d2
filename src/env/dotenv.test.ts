import { describe, expect, it } from 'vitest';
import { parseDotenv } from './dotenv.js';

const pairs = (text: string) => Object.fromEntries(parseDotenv(text, '.env').map((e) => [e.name, e.value]));

describe('parseDotenv: what godotenv reads', () => {
  it.each([
    { name: 'a plain pair', text: 'API_KEY=abc123', want: { API_KEY: 'abc123' } },
    { name: 'export before the name', text: 'export API_KEY=abc', want: { API_KEY: 'abc' } },
    { name: 'a colon instead of =', text: 'API_KEY: abc', want: { API_KEY: 'abc' } },
    { name: 'spaces around =', text: 'API_KEY = abc  ', want: { API_KEY: 'abc' } },
    { name: 'an empty value', text: 'EMPTY=', want: { EMPTY: '' } },
    { name: 'blank lines and comment lines', text: '\n# a comment\n   # indented\nA=1\n\n', want: { A: '1' } },
    { name: 'a comment after an unquoted value', text: 'A=1 # one', want: { A: '1' } },
    { name: 'a # with no space before it is part of the value', text: 'URL=https://x.test/#frag', want: { URL: 'https://x.test/#frag' } },
    { name: 'single quotes are literal', text: "A='x # y \\n $B'", want: { A: 'x # y \\n $B' } },
    { name: 'double quotes keep a #', text: 'A="x # y" # comment', want: { A: 'x # y' } },
    { name: 'double-quote escapes', text: 'A="line1\\nline2\\t\\"q\\" \\\\ \\$HOME"', want: { A: 'line1\nline2\t"q" \\ $HOME' } },
    { name: 'no $VAR expansion', text: 'A=1\nB=$A\nC="${A}"', want: { A: '1', B: '$A', C: '${A}' } },
    {
      name: 'a quoted value over several lines',
      text: 'KEY="-----BEGIN-----\nabc\n-----END-----"\nNEXT=1',
      want: { KEY: '-----BEGIN-----\nabc\n-----END-----', NEXT: '1' },
    },
    { name: 'CRLF line ends', text: 'A=1\r\nB=2\r\n', want: { A: '1', B: '2' } },
    { name: 'a byte-order mark', text: '\uFEFFA=1', want: { A: '1' } },
    { name: 'a name given twice keeps the last value', text: 'A=1\nB=2\nA=3', want: { A: '3', B: '2' } },
  ])('$name', ({ text, want }) => {
    expect(pairs(text)).toEqual(want);
  });

  it('records the line each variable starts on', () => {
    expect(parseDotenv('# c\nA=1\n\nB="x\ny"\nC=3', '.env').map((e) => [e.name, e.line])).toEqual([
      ['A', 2],
      ['B', 4],
      ['C', 6],
    ]);
  });

  it.each([
    { name: 'a line without =', text: 'A=1\nJUST_A_WORD', want: 'Line 2 of .env: expected NAME=value' },
    { name: 'a name with a dash', text: 'MY-KEY=1', want: 'Line 1 of .env: "MY-KEY" is not a usable variable name' },
    { name: 'a name starting with a digit', text: '\n1KEY=1', want: 'Line 2 of .env: "1KEY" is not a usable variable name' },
    { name: 'no name', text: '=value', want: 'Line 1 of .env: "" is not a usable variable name: the name is empty' },
    { name: 'a quote never closed', text: 'A=1\nB="open\nC=2', want: 'Line 2 of .env: the double quote after B= is never closed' },
    { name: 'text after a closing quote', text: "A='x' y", want: 'Line 1 of .env: unexpected text after the closing quote of A' },
  ])('$name is a usage error naming the file and line', ({ text, want }) => {
    let caught: unknown;
    try {
      parseDotenv(text, '.env');
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ code: 'dotenv_file_parse_error', exitCode: 2 });
    expect((caught as Error).message).toContain(want);
  });

  it('an error never quotes a value', () => {
    expect(() => parseDotenv('A="s3cr3t-value', 'x.env')).toThrow(expect.objectContaining({ message: expect.not.stringContaining('s3cr3t') }));
  });
});
