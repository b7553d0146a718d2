import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors/cli-error.js';
import { MAX_JSON_DEPTH } from '../lib/json-depth.js';
import { checkWhereAttributes, compileWhere, WhereError } from './where.js';

describe('compileWhere', () => {
  it.each([
    { name: 'string equality', src: 'status = "done"', expr: '#status = :v0', names: { '#status': 'status' }, values: { ':v0': 'done' } },
    { name: 'single quotes', src: "status = 'done'", expr: '#status = :v0', values: { ':v0': 'done' } },
    {
      name: 'and of two comparisons',
      src: 'status = "done" and priority >= 2',
      expr: '#status = :v0 AND #priority >= :v1',
      values: { ':v0': 'done', ':v1': 2 },
    },
    { name: 'or', src: 'a = 1 or b = 2', expr: '#a = :v0 OR #b = :v1' },
    { name: 'and binds tighter than or', src: 'a = 1 or b = 2 and c = 3', expr: '#a = :v0 OR #b = :v1 AND #c = :v2' },
    { name: 'parentheses kept where needed', src: '(a = 1 or b = 2) and c = 3', expr: '(#a = :v0 OR #b = :v1) AND #c = :v2' },
    { name: 'redundant parentheses dropped', src: '((a = 1))', expr: '#a = :v0' },
    { name: 'not of a comparison', src: 'not a = 1', expr: 'NOT (#a = :v0)' },
    { name: 'not of a group', src: 'not (a = 1 or b = 2)', expr: 'NOT (#a = :v0 OR #b = :v1)' },
    { name: '<> and !=', src: 'a <> 1 and b != 2', expr: '#a <> :v0 AND #b <> :v1' },
    { name: '== is =', src: 'a == 1', expr: '#a = :v0' },
    { name: 'all comparators', src: 'a < 1 and b <= 2 and c > 3 and d >= 4', expr: '#a < :v0 AND #b <= :v1 AND #c > :v2 AND #d >= :v3' },
    { name: 'booleans and null', src: 'done = true and gone = false and x = null', values: { ':v0': true, ':v1': false, ':v2': null } },
    {
      name: 'keywords in any case',
      src: 'a = 1 AND b = TRUE Or c = 2',
      expr: '#a = :v0 AND #b = :v1 OR #c = :v2',
      values: { ':v0': 1, ':v1': true, ':v2': 2 },
    },
    { name: 'negative and decimal numbers', src: 'a > -1.5 and b < 2e3', values: { ':v0': -1.5, ':v1': 2000 } },
    { name: 'between', src: 'priority between 1 and 3', expr: '#priority BETWEEN :v0 AND :v1' },
    { name: 'between then and', src: 'p between 1 and 3 and s = "x"', expr: '#p BETWEEN :v0 AND :v1 AND #s = :v2' },
    { name: 'in list', src: 'status in ("a", "b", "c")', expr: '#status IN (:v0, :v1, :v2)' },
    { name: 'exists', src: 'exists(owner)', expr: 'attribute_exists(#owner)' },
    { name: 'not exists', src: 'not exists(owner)', expr: 'attribute_not_exists(#owner)' },
    { name: 'DynamoDB function names', src: 'attribute_exists(a) and attribute_not_exists(b)', expr: 'attribute_exists(#a) AND attribute_not_exists(#b)' },
    { name: 'begins_with', src: 'begins_with(title, "Fix")', expr: 'begins_with(#title, :v0)', values: { ':v0': 'Fix' } },
    { name: 'contains', src: 'contains(tags, "urgent")', expr: 'contains(#tags, :v0)' },
    { name: 'not contains', src: 'not contains(tags, "x")', expr: 'NOT contains(#tags, :v0)' },
    { name: 'size()', src: 'size(tags) > 2', expr: 'size(#tags) > :v0' },
    {
      name: 'nested path and index',
      src: 'owner.name = "ada" and tags[0] = "x"',
      expr: '#owner.#name = :v0 AND #tags[0] = :v1',
      names: { '#owner': 'owner', '#name': 'name', '#tags': 'tags' },
    },
    { name: 'same attribute, one placeholder', src: 'a > 1 and a < 5', names: { '#a': 'a' } },
    { name: 'same value, one placeholder', src: 'a = "x" or b = "x"', expr: '#a = :v0 OR #b = :v0', values: { ':v0': 'x' } },
    {
      name: 'backtick names: keywords and odd characters',
      src: '`in` = 1 and `due-date` > "2026"',
      expr: '#in = :v0 AND #a1 > :v1',
      names: { '#in': 'in', '#a1': 'due-date' },
    },
    { name: 'placeholder clash gets a suffix', src: '`x-y` = 1 and a0 = 2', names: { '#a0': 'x-y', '#a0_1': 'a0' } },
    { name: 'value on the left', src: '2 <= priority', expr: ':v0 <= #priority' },
    { name: 'attribute to attribute: backticks on the value side', src: 'a = `b`', expr: '#a = #b', values: {} },
    { name: 'string escapes', src: 'a = "say \\"hi\\"\\n"', values: { ':v0': 'say "hi"\n' } },
    { name: 'function names usable as attributes', src: 'contains = 1 and size = 2', expr: '#contains = :v0 AND #size = :v1' },
  ])('$name', ({ src, expr, names, values }) => {
    const out = compileWhere(src);
    if (expr) expect(out.expression).toBe(expr);
    if (names) expect(out.expression_attributes).toEqual(names);
    if (values) expect(out.expression_values).toEqual(values);
  });

  it.each([
    { name: 'empty', src: '   ', col: 1, msg: 'the condition is empty' },
    { name: 'bare attribute', src: 'done', col: 5, msg: 'expected a comparison' },
    { name: 'missing value', src: 'status =', col: 9, msg: 'expected an attribute or a value after "=", found the end' },
    { name: 'unterminated string', src: 'a = "x', col: 5, msg: 'unterminated string' },
    { name: 'unmatched (', src: '(a = 1', col: 7, msg: 'expected ")" to close the "(" at column 1' },
    { name: 'unmatched )', src: 'a = 1)', col: 6, msg: 'unmatched ")"' },
    { name: 'dangling and', src: 'a = 1 and', col: 10, msg: 'expected an attribute or a value to start a condition, found the end' },
    { name: 'keyword as attribute', src: 'in = 1', col: 1, msg: 'write `in`' },
    { name: 'unknown character', src: 'a = 1 & b = 2', col: 7, msg: 'unexpected character "&"' },
    { name: 'between without and', src: 'a between 1 or 2', col: 13, msg: 'expected "and" in "between … and …"' },
    { name: 'in without parentheses', src: 'a in 1', col: 6, msg: 'expected "(" after "in"' },
    { name: 'two values', src: '1 = 2', col: 1, msg: 'a comparison needs an attribute on one side' },
    { name: 'begins_with with one argument', src: 'begins_with(a)', col: 14, msg: 'expected "," between the arguments' },
    { name: 'a number glued to letters', src: 'a = 12ab', col: 5, msg: 'is not a number' },
    { name: 'bad escape', src: 'a = "\\q"', col: 6, msg: 'unknown escape' },
    { name: 'two conditions without and', src: 'a = 1 b = 2', col: 7, msg: 'expected "and", "or" or the end' },
    { name: 'bad list index', src: 'a[x] = 1', col: 3, msg: 'expected a list index' },
    { name: 'unterminated backtick', src: '`a = 1', col: 1, msg: 'unterminated `name`' },
  ])('error: $name → column $col', ({ src, col, msg }) => {
    let caught: unknown;
    try {
      compileWhere(src);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UsageError);
    const e = caught as UsageError;
    expect(e.exitCode).toBe(2);
    expect(e.code).toBe('invalid_where');
    expect(e.message).toContain(`at column ${col}:`);
    expect(e.message).toContain(msg);
    expect(e.details).toEqual([src, `${' '.repeat(col - 1)}^`]);
  });

  it.each([
    { name: 'thousands of parentheses', src: `${'('.repeat(5000)}a = 1${')'.repeat(5000)}`, col: MAX_JSON_DEPTH + 2 },
    { name: 'thousands of "not"s', src: `${'not '.repeat(5000)}a = 1`, col: 4 * MAX_JSON_DEPTH + 5 },
  ])('nesting past the limit is invalid_where at the first level too deep, not a stack overflow: $name', ({ src, col }) => {
    let caught: unknown;
    try {
      compileWhere(src);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UsageError);
    const e = caught as UsageError;
    expect(e.code).toBe('invalid_where');
    expect(e.message).toBe(`Invalid --where at column ${col}: the condition nests more than ${MAX_JSON_DEPTH} levels deep (parentheses and "not"s)`);
    // A long condition is quoted around the mistake only, the caret still under it.
    const [text, caret] = e.details as [string, string];
    expect(text.length).toBeLessThan(100);
    expect(text[caret.indexOf('^')]).toBe(src[col - 1]);
  });

  it('nesting up to the limit still compiles', () => {
    expect(compileWhere(`${'('.repeat(MAX_JSON_DEPTH)}a = 1${')'.repeat(MAX_JSON_DEPTH)}`).expression).toBe('#a = :v0');
  });

  it('a chain of 20,000 "or"s compiles without deep recursion', () => {
    const out = compileWhere(Array.from({ length: 20_000 }, (_, i) => `a = ${i}`).join(' or '));
    expect(out.expression.split(' OR ')).toHaveLength(20_000);
  });

  it.each([
    { name: 'after a comparator', src: 'owner = ana', col: 9, fixed: 'owner = "ana"' },
    { name: 'a dotted word', src: 'owner = ana.smith and n = 1', col: 9, fixed: 'owner = "ana.smith" and n = 1' },
    { name: 'in a between', src: 'n between 1 and high', col: 17, fixed: 'n between 1 and "high"' },
    { name: 'in an in list', src: 'status in ("a", open)', col: 17, fixed: 'status in ("a", "open")' },
    { name: 'as the second argument of begins_with', src: 'begins_with(title, Fix)', col: 20, fixed: 'begins_with(title, "Fix")' },
  ])('a bare word where a value belongs is invalid_where, fixed by quoting it: $name', ({ src, col, fixed }) => {
    const e = caught(() => compileWhere(src));
    expect(e.message).toContain(`Invalid --where at column ${col}: `);
    expect(e.message).toContain('is a bare word where a value belongs: a string takes double quotes');
    expect(e.fixed).toBe(fixed);
    expect(compileWhere(fixed).expression).toBeTruthy();
  });

  it('a bare word where the attribute belongs is still an attribute: 2 <= priority', () => {
    expect(compileWhere('2 <= priority').expression).toBe(':v0 <= #priority');
  });
});

function caught(f: () => unknown): WhereError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(WhereError);
    return e as WhereError;
  }
  throw new Error('expected a WhereError');
}

describe('checkWhereAttributes', () => {
  const attributes = ['id', 'owner', 'title', 'due-date', 'meta'];

  it('passes attributes the datastore declares, nested paths by their first name', () => {
    expect(() => checkWhereAttributes('owner = "ana" and meta.x.y = 1 and exists(`due-date`) and size(title) > 2', 'tasks', attributes)).not.toThrow();
  });

  it.each([
    {
      name: 'a typo, with the nearest attribute',
      src: 'ownr = "ana"',
      col: 1,
      msg: 'datastore tasks has no attribute "ownr" (did you mean owner?)',
      fixed: 'owner = "ana"',
    },
    {
      name: 'a typo of a name that needs backticks',
      src: 'id = "1" or due_date > "2026"',
      col: 13,
      msg: 'datastore tasks has no attribute "due_date" (did you mean due-date?)',
      fixed: 'id = "1" or `due-date` > "2026"',
    },
    { name: 'a name nothing like any', src: 'colour = "red"', col: 1, msg: 'datastore tasks has no attribute "colour"', fixed: undefined },
    {
      name: 'inside a function',
      src: 'begins_with(titel, "x")',
      col: 13,
      msg: 'datastore tasks has no attribute "titel" (did you mean title?)',
      fixed: 'begins_with(title, "x")',
    },
  ])('an unknown attribute is invalid_where at its column: $name', ({ src, col, msg, fixed }) => {
    const e = caught(() => checkWhereAttributes(src, 'tasks', attributes));
    expect(e.message).toBe(`Invalid --where at column ${col}: ${msg}`);
    expect(e.fixed).toBe(fixed);
    expect(e.exitCode).toBe(2);
  });
});
