import { describe, expect, it } from 'vitest';
import { useSharedDatastore } from '../../../test/helpers/datastore.js';
import type { Json } from '../../../test/helpers/in-process-emulator.js';

/** Fifteen items covering strings, numbers, booleans, null, lists, maps and missing attributes. */
const ITEMS: Json[] = [
  { id: 'i01', name: 'apple', n: 1, flag: true, tags: ['red', 'fruit'], meta: { color: 'red', weight: 150 }, status: 'open', misc: 'x' },
  { id: 'i02', name: 'banana', n: 2, flag: false, tags: ['yellow', 'fruit'], meta: { color: 'yellow', weight: 120 }, status: 'done', misc: 2 },
  { id: 'i03', name: 'cherry', n: 3, flag: true, tags: ['red'], meta: { color: 'red', weight: 5, origin: { country: 'TR' } }, misc: true },
  { id: 'i04', name: 'apricot', n: 10, tags: [], meta: {}, misc: null },
  { id: 'i05', name: 'Avocado', n: -5, flag: false, misc: [1, 'x'] },
  { id: 'i06', name: '', n: 0, misc: { k: 'v' } },
  { id: 'i07', n: 2.5, status: 'open' },
  { id: 'i08', name: 'date', status: 'done', tags: ['brown', 'fruit', 'sweet'] },
  { id: 'i09', name: 'éclair', n: 100, status: 'open', meta: { color: 'brown' } },
  { id: 'i10', name: 'fig', n: 7, flag: true, tags: [1, 2, 3], misc: '7' },
  { id: 'i11', name: '😀smile', n: 8, status: 'open' },
  { id: 'i12', name: '\uFFFDz', n: 1e3 },
  { id: 'i13', name: 'grape', count: 3, tags: [['nested'], { k: 1 }], owner: 'U123' },
  { id: 'i14', name: 'kiwi', 'a.b': 'dotted', meta: { 'a.b': 'inner', list: [{ x: 1 }, { x: 2 }] } },
  { id: 'i15', name: 'lemon', n: 1, count: -1, flag: true, status: 'open', tags: ['yellow'] },
];
const ALL = ITEMS.map((i) => i.id as string);

interface Case {
  name: string;
  expression: string;
  names?: Record<string, string>;
  values?: Json;
  /** Matching IDs, or `error` with a pattern its message must match. */
  ids?: string[];
  error?: RegExp;
}

const N = { '#n': 'n' };
const NAME = { '#name': 'name' };
const ids = (...n: number[]) => n.map((i) => `i${String(i).padStart(2, '0')}`);

const VALID: Case[] = [
  { name: 'string equality', expression: '#name = :v', names: NAME, values: { ':v': 'apple' }, ids: ids(1) },
  { name: 'number equality', expression: '#n = :v', names: N, values: { ':v': 1 }, ids: ids(1, 15) },
  { name: 'a fraction', expression: '#n = :v', names: N, values: { ':v': 2.5 }, ids: ids(7) },
  { name: 'numbers compare by value, not spelling', expression: '#n = :v', names: N, values: { ':v': 1000 }, ids: ids(12) },
  { name: 'a number never equals a string', expression: '#m = :v', names: { '#m': 'misc' }, values: { ':v': 7 }, ids: [] },
  {
    name: '<> includes items without the attribute',
    expression: '#s <> :v',
    names: { '#s': 'status' },
    values: { ':v': 'open' },
    ids: ids(2, 3, 4, 5, 6, 8, 10, 12, 13, 14),
  },
  { name: '< on numbers', expression: '#n < :v', names: N, values: { ':v': 2 }, ids: ids(1, 5, 6, 15) },
  { name: '<= on numbers', expression: '#n <= :v', names: N, values: { ':v': 2 }, ids: ids(1, 2, 5, 6, 15) },
  { name: '> on numbers', expression: '#n > :v', names: N, values: { ':v': 7 }, ids: ids(4, 9, 11, 12) },
  { name: '>= on numbers', expression: '#n >= :v', names: N, values: { ':v': 7 }, ids: ids(4, 9, 10, 11, 12) },
  { name: 'strings order by code point, not UTF-16 unit', expression: '#name > :v', names: NAME, values: { ':v': '\uFFFD' }, ids: ids(11, 12) },
  { name: 'upper case sorts before lower case', expression: '#name < :v', names: NAME, values: { ':v': 'b' }, ids: ids(1, 4, 5, 6) },
  { name: 'ordering across types is false', expression: '#m < :v', names: { '#m': 'misc' }, values: { ':v': 'z' }, ids: ids(1, 10) },
  { name: 'BETWEEN numbers, bounds included', expression: '#n BETWEEN :a AND :b', names: N, values: { ':a': 1, ':b': 3 }, ids: ids(1, 2, 3, 7, 15) },
  { name: 'BETWEEN strings', expression: '#name BETWEEN :a AND :b', names: NAME, values: { ':a': 'a', ':b': 'c' }, ids: ids(1, 2, 4) },
  { name: 'IN strings', expression: '#s IN (:a, :b)', names: { '#s': 'status' }, values: { ':a': 'done', ':b': 'closed' }, ids: ids(2, 8) },
  { name: 'IN numbers', expression: '#n IN (:a,:b,:c)', names: N, values: { ':a': 0, ':b': 7, ':c': 99 }, ids: ids(6, 10) },
  { name: 'IN with one operand', expression: '#name IN (:a)', names: NAME, values: { ':a': 'fig' }, ids: ids(10) },
  { name: 'AND', expression: '#f = :t AND #n > :v', names: { '#f': 'flag', ...N }, values: { ':t': true, ':v': 1 }, ids: ids(3, 10) },
  { name: 'OR', expression: '#n = :a OR #name = :b', names: { ...N, ...NAME }, values: { ':a': 0, ':b': 'kiwi' }, ids: ids(6, 14) },
  { name: 'NOT', expression: 'NOT #f = :t', names: { '#f': 'flag' }, values: { ':t': true }, ids: ids(2, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14) },
  {
    name: 'AND binds tighter than OR',
    expression: '#name = :a OR #name = :b AND #n = :c',
    names: { ...NAME, ...N },
    values: { ':a': 'apple', ':b': 'banana', ':c': 99 },
    ids: ids(1),
  },
  {
    name: 'parentheses override precedence',
    expression: '(#name = :a OR #name = :b) AND #n = :c',
    names: { ...NAME, ...N },
    values: { ':a': 'apple', ':b': 'banana', ':c': 2 },
    ids: ids(2),
  },
  {
    name: 'NOT binds tighter than AND',
    expression: 'NOT #f = :t AND #n > :v',
    names: { '#f': 'flag', ...N },
    values: { ':t': true, ':v': 5 },
    ids: ids(4, 9, 11, 12),
  },
  { name: 'NOT NOT', expression: 'NOT NOT #s = :v', names: { '#s': 'status' }, values: { ':v': 'done' }, ids: ids(2, 8) },
  { name: 'keywords in any case', expression: '#f = :t and not #n = :v', names: { '#f': 'flag', ...N }, values: { ':t': true, ':v': 1 }, ids: ids(3, 10) },
  { name: 'attribute_exists', expression: 'attribute_exists(#f)', names: { '#f': 'flag' }, ids: ids(1, 2, 3, 5, 10, 15) },
  { name: 'attribute_not_exists', expression: 'attribute_not_exists(#name)', names: NAME, ids: ids(7) },
  { name: 'attribute_exists on a nested path', expression: 'attribute_exists(#m.#o)', names: { '#m': 'meta', '#o': 'origin' }, ids: ids(3) },
  { name: 'a null attribute exists', expression: 'attribute_exists(#m)', names: { '#m': 'misc' }, ids: ids(1, 2, 3, 4, 5, 6, 10) },
  { name: 'attribute_type S', expression: 'attribute_type(#m, :t)', names: { '#m': 'misc' }, values: { ':t': 'S' }, ids: ids(1, 10) },
  { name: 'attribute_type N', expression: 'attribute_type(#m, :t)', names: { '#m': 'misc' }, values: { ':t': 'N' }, ids: ids(2) },
  { name: 'attribute_type BOOL', expression: 'attribute_type(#m, :t)', names: { '#m': 'misc' }, values: { ':t': 'BOOL' }, ids: ids(3) },
  { name: 'attribute_type NULL', expression: 'attribute_type(#m, :t)', names: { '#m': 'misc' }, values: { ':t': 'NULL' }, ids: ids(4) },
  { name: 'attribute_type L', expression: 'attribute_type(#m, :t)', names: { '#m': 'misc' }, values: { ':t': 'L' }, ids: ids(5) },
  { name: 'attribute_type M', expression: 'attribute_type(#m, :t)', names: { '#m': 'misc' }, values: { ':t': 'M' }, ids: ids(6) },
  { name: 'begins_with', expression: 'begins_with(#name, :p)', names: NAME, values: { ':p': 'ap' }, ids: ids(1, 4) },
  { name: 'begins_with is case-sensitive', expression: 'begins_with(#name, :p)', names: NAME, values: { ':p': 'A' }, ids: ids(5) },
  { name: 'begins_with on a non-string is false', expression: 'begins_with(#m, :p)', names: { '#m': 'misc' }, values: { ':p': '7' }, ids: ids(10) },
  { name: 'contains a substring', expression: 'contains(#name, :s)', names: NAME, values: { ':s': 'an' }, ids: ids(2) },
  { name: 'contains a list element', expression: 'contains(#t, :s)', names: { '#t': 'tags' }, values: { ':s': 'fruit' }, ids: ids(1, 2, 8) },
  { name: 'contains a number in a list', expression: 'contains(#t, :s)', names: { '#t': 'tags' }, values: { ':s': 2 }, ids: ids(10) },
  { name: 'contains a list in a list', expression: 'contains(#t, :s)', names: { '#t': 'tags' }, values: { ':s': ['nested'] }, ids: ids(13) },
  { name: 'contains a map in a list', expression: 'contains(#t, :s)', names: { '#t': 'tags' }, values: { ':s': { k: 1 } }, ids: ids(13) },
  { name: 'contains on a map is false', expression: 'contains(#m, :s)', names: { '#m': 'meta' }, values: { ':s': 'color' }, ids: [] },
  { name: 'size of a string', expression: 'size(#name) = :v', names: NAME, values: { ':v': 5 }, ids: ids(1, 13, 15) },
  { name: 'size counts UTF-16 code units, as DynamoDB does', expression: 'size(#name) = :v', names: NAME, values: { ':v': 7 }, ids: ids(4, 5, 11) },
  { name: 'an accented letter is one unit', expression: 'size(#name) = :v', names: NAME, values: { ':v': 6 }, ids: ids(2, 3, 9) },
  { name: 'size of a list', expression: 'size(#t) > :v', names: { '#t': 'tags' }, values: { ':v': 1 }, ids: ids(1, 2, 8, 10, 13) },
  { name: 'size of a map', expression: 'size(#m) >= :v', names: { '#m': 'meta' }, values: { ':v': 3 }, ids: ids(3) },
  { name: 'size of an empty list', expression: 'size(#t) = :z', names: { '#t': 'tags' }, values: { ':z': 0 }, ids: ids(4) },
  { name: 'size of a value', expression: 'size(:v) = #n', names: N, values: { ':v': 'ab' }, ids: ids(2) },
  { name: 'a value as begins_with target', expression: 'begins_with(:v, #name)', names: NAME, values: { ':v': 'apples' }, ids: ids(1, 6) },
  { name: 'a value as contains target', expression: 'contains(:v, #name)', names: NAME, values: { ':v': ['fig', 'kiwi'] }, ids: ids(10, 14) },
  {
    name: 'BETWEEN size() and a string bound is false, not refused',
    expression: '#n BETWEEN size(#name) AND :s',
    names: { ...N, ...NAME },
    values: { ':s': 'z' },
    ids: [],
  },
  {
    name: 'a parenthesized operand',
    expression: '(#name) = :v AND (#n) BETWEEN (:a) AND :b',
    names: { ...NAME, ...N },
    values: { ':v': 'fig', ':a': 1, ':b': 7 },
    ids: ids(10),
  },
  { name: 'size of a number matches nothing', expression: 'size(#n) >= :z', names: N, values: { ':z': 0 }, ids: [] },
  { name: 'a nested path', expression: '#m.#c = :c', names: { '#m': 'meta', '#c': 'color' }, values: { ':c': 'red' }, ids: ids(1, 3) },
  { name: 'a deeper path', expression: '#m.#o.#c = :c', names: { '#m': 'meta', '#o': 'origin', '#c': 'country' }, values: { ':c': 'TR' }, ids: ids(3) },
  { name: 'a list index', expression: '#t[0] = :v', names: { '#t': 'tags' }, values: { ':v': 'red' }, ids: ids(1, 3) },
  { name: 'an index past the end', expression: '#t[5] = :v', names: { '#t': 'tags' }, values: { ':v': 'red' }, ids: [] },
  { name: 'an index into a list of maps', expression: '#m.#l[1].#x = :v', names: { '#m': 'meta', '#l': 'list', '#x': 'x' }, values: { ':v': 2 }, ids: ids(14) },
  { name: 'a placeholder with a dot names one attribute', expression: '#ab = :v', names: { '#ab': 'a.b' }, values: { ':v': 'dotted' }, ids: ids(14) },
  { name: 'bare attribute names', expression: 'flag = :t AND n > :v', values: { ':t': true, ':v': 2 }, ids: ids(3, 10) },
  { name: 'a bare nested path', expression: 'meta.color = :c', values: { ':c': 'brown' }, ids: ids(9) },
  { name: 'list equality', expression: '#t = :v', names: { '#t': 'tags' }, values: { ':v': ['red'] }, ids: ids(3) },
  { name: 'map equality', expression: '#m = :v', names: { '#m': 'meta' }, values: { ':v': { color: 'brown' } }, ids: ids(9) },
  { name: 'false', expression: '#f = :f', names: { '#f': 'flag' }, values: { ':f': false }, ids: ids(2, 5) },
  { name: 'null', expression: '#m = :v', names: { '#m': 'misc' }, values: { ':v': null }, ids: ids(4) },
  { name: 'two attributes compared', expression: '#n > #c', names: { ...N, '#c': 'count' }, ids: ids(15) },
  { name: 'no expression matches everything', expression: '', ids: ALL },
  { name: 'spaces, tabs and newlines', expression: '\n\t#n   =\n:v ', names: N, values: { ':v': 0 }, ids: ids(6) },
];

const INVALID: Case[] = [
  { name: 'a missing operand', expression: '#n = ', names: N, error: /near "<end>" at position 6/ },
  { name: 'an unclosed parenthesis', expression: '(#n = :v', names: N, values: { ':v': 1 }, error: /expected "\)" near "<end>" at position 9/ },
  { name: 'a stray character', expression: '#n = :v $', names: N, values: { ':v': 1 }, error: /near "\$" at position 9/ },
  { name: 'an undefined #name', expression: '#nope = :v', values: { ':v': 1 }, error: /not defined: #nope near "#nope" at position 1/ },
  { name: 'an undefined :value', expression: '#n = :nope', names: N, error: /not defined: :nope near ":nope" at position 6/ },
  { name: 'an unused :value', expression: '#n = :a', names: N, values: { ':a': 1, ':b': 2 }, error: /unused in expression: :b/ },
  { name: 'an unused #name', expression: '#n = :a', names: { ...N, '#x': 'x' }, values: { ':a': 1 }, error: /unused in expression: #x/ },
  {
    name: 'too many arguments',
    expression: 'attribute_exists(#n, :v)',
    names: N,
    values: { ':v': 1 },
    error: /number of operands for function attribute_exists.*position 1/,
  },
  { name: 'too few arguments', expression: 'begins_with(#n)', names: N, error: /number of operands for function begins_with/ },
  { name: 'size of a number value', expression: 'size(:v) > :z', values: { ':v': 5, ':z': 1 }, error: /function: size, operand type: N/ },
  { name: 'size of size', expression: 'size(size(#n)) > :z', names: N, values: { ':z': 1 }, error: /function: size, operand type: N/ },
  {
    name: 'attribute_exists of a value',
    expression: 'attribute_exists(:v)',
    values: { ':v': 'x' },
    error: /requires a document path; operator or function: attribute_exists/,
  },
  {
    name: 'begins_with a value that is no string',
    expression: 'begins_with(:v, #name)',
    names: NAME,
    values: { ':v': 1 },
    error: /function: begins_with, operand type: N/,
  },
  { name: 'the same path on both sides', expression: '#n = n', names: N, error: /first operand must be distinct .* operator: =/ },
  {
    name: 'the same path in an IN list',
    expression: '#t[0] IN (:v, tags[0])',
    names: { '#t': 'tags' },
    values: { ':v': 1 },
    error: /first operand must be distinct .* operator: IN/,
  },
  { name: 'the same path in contains', expression: 'contains(#t, #t)', names: { '#t': 'tags' }, error: /first operand must be distinct .* operator: contains/ },
  {
    name: 'BETWEEN bounds of two types',
    expression: '#n BETWEEN :a AND :b',
    names: N,
    values: { ':a': 1, ':b': 'z' },
    error: /same data type .* lower bound: N, upper bound: S/,
  },
  { name: 'redundant parentheses', expression: 'NOT ((#n = :v))', names: N, values: { ':v': 1 }, error: /redundant parentheses near "\(" at position 5/ },
  { name: 'redundant parentheses round an operand', expression: '((#n)) = :v', names: N, values: { ':v': 1 }, error: /redundant parentheses/ },
  {
    name: 'a function used as an operand',
    expression: 'attribute_exists(#n) = :v',
    names: N,
    values: { ':v': 1 },
    error: /unexpected token near "=" at position 22/,
  },
  { name: 'ordering by a boolean', expression: '#n < :t', names: N, values: { ':t': true }, error: /operator: <, operand type: BOOL/ },
  {
    name: 'BETWEEN bounds reversed',
    expression: '#n BETWEEN :a AND :b',
    names: N,
    values: { ':a': 3, ':b': 1 },
    error: /lower bound first near "BETWEEN" at position 4/,
  },
  { name: 'BETWEEN without AND', expression: '#n BETWEEN :a :b', names: N, values: { ':a': 1, ':b': 2 }, error: /BETWEEN needs AND near ":b"/ },
  { name: 'an empty IN list', expression: '#n IN ()', names: N, error: /IN needs at least one operand/ },
  { name: 'a path alone', expression: '#n', names: N, error: /needs a comparison or a function/ },
  { name: 'an unknown function', expression: 'has(#n)', names: N, error: /expected a comparator, BETWEEN or IN near "\("/ },
  { name: 'a reserved word as a bare name', expression: 'status = :v', values: { ':v': 'open' }, error: /reserved keyword.* near "status" at position 1/ },
  {
    name: 'attribute_type with an unknown type',
    expression: 'attribute_type(#n, :t)',
    names: N,
    values: { ':t': 'STRING' },
    error: /attribute_type needs a type/,
  },
  { name: 'begins_with a number', expression: 'begins_with(#name, :p)', names: NAME, values: { ':p': 7 }, error: /function: begins_with, operand type: N/ },
  { name: 'values without an expression', expression: '', values: { ':a': 1 }, error: /only be given with an expression/ },
  { name: 'a value key without a colon', expression: '#n = :v', names: N, values: { ':v': 1, v: 1 }, error: /invalid key: "v"/ },
  {
    name: 'an index past a Java int',
    expression: '#t[2147483648] = :v',
    names: { '#t': 'tags' },
    values: { ':v': 1 },
    error: /not within the allowable range/,
  },
  { name: 'an index with a leading zero', expression: '#t[01] = :v', names: { '#t': 'tags' }, values: { ':v': 1 }, error: /no leading zeros near "01"/ },
  { name: 'a name starting with an underscore', expression: '_n = :v', values: { ':v': 1 }, error: /unexpected character near "_n/ },
  { name: 'an empty attribute name', expression: '#n = :v', names: { '#n': '' }, values: { ':v': 1 }, error: /empty attribute name for key "#n"/ },
  {
    name: 'an index that is not a number',
    expression: '#t[x] = :v',
    names: { '#t': 'tags' },
    values: { ':v': 1 },
    error: /whole number near "x" at position 4/,
  },
  { name: 'an expression of only blanks (not the same as none)', expression: '   ', error: /can not be empty/ },
  { name: 'an expression of only a tab and a newline', expression: '\t\n', error: /can not be empty/ },
  {
    name: 'thousands of nested parentheses',
    expression: `${'('.repeat(1500)}#n = :v${')'.repeat(1500)}`,
    names: N,
    values: { ':v': 1 },
    error: /nest|deep|redundant/i,
  },
  { name: 'an expression over 4 KB', expression: `${'#n = :v OR '.repeat(400)}#n = :v`, names: N, values: { ':v': 1 }, error: /longer than 4096/ },
];

describe('filter expressions through apps.datastore.query and count', () => {
  const shared = useSharedDatastore(ITEMS);
  const ask = (method: 'query' | 'count', c: Case) =>
    shared().client.call(method, {
      datastore: 'things',
      ...(c.expression === '' ? {} : { expression: c.expression }),
      ...(c.names ? { expression_attributes: c.names } : {}),
      ...(c.values ? { expression_values: c.values } : {}),
      ...(method === 'query' ? { limit: 1000 } : {}),
    });

  it('has at least 60 cases', () => expect(VALID.length + INVALID.length).toBeGreaterThanOrEqual(60));

  it.each(VALID)('$name', async (c) => {
    const q = await ask('query', c);
    expect(q).toMatchObject({ ok: true, datastore: 'things' });
    expect((q.items as Json[]).map((i) => i.id)).toEqual(c.ids);
    expect(q.response_metadata).toBeUndefined();
    expect(await ask('count', c)).toEqual({ ok: true, datastore: 'things', count: c.ids?.length });
  });

  it.each(INVALID)('refuses $name', async (c) => {
    for (const method of ['query', 'count'] as const) {
      const r = await ask(method, c);
      expect(r).toEqual({
        ok: false,
        error: 'datastore_error',
        errors: [{ code: 'invalid_expression', message: expect.stringMatching(c.error as RegExp), pointer: '/expression' }],
      });
    }
  });
});
