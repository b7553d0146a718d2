import { describe, expect, it } from 'vitest';
import { compileExpression, compileFilter, ExpressionError } from './index.js';
import { tokenize } from './lexer.js';
import { parseExpression } from './parser.js';
import { compareCodePoints, equals, order, sizeOf } from './values.js';

describe('expression lexer and parser', () => {
  it('gives every token its 1-based column', () => {
    expect(tokenize('#a <= :v').map((t) => [t.kind, t.text, t.pos])).toEqual([
      ['name', '#a', 1],
      ['op', '<=', 4],
      ['value', ':v', 7],
      ['end', '', 9],
    ]);
  });

  it('nests OR above AND above NOT', () => {
    const ast = parseExpression('NOT a = :a AND b = :b OR c = :c');
    expect(ast.kind).toBe('or');
    const left = (ast as { left: { kind: string; left: { kind: string } } }).left;
    expect([left.kind, left.left.kind]).toEqual(['and', 'not']);
  });

  it('reads nested paths and list indexes', () => {
    const ast = parseExpression('#a.b[2][0].#c = :v') as { left: { path: { parts: unknown[] } } };
    expect(ast.left.path.parts).toEqual([
      { kind: 'attr', name: '#a', placeholder: true, pos: 1 },
      { kind: 'attr', name: 'b', placeholder: false, pos: 4 },
      { kind: 'index', index: 2, pos: 6 },
      { kind: 'index', index: 0, pos: 9 },
      { kind: 'attr', name: '#c', placeholder: true, pos: 12 },
    ]);
  });

  it('refuses nesting deep enough to threaten the stack, with a position', () => {
    const deep = `${'('.repeat(1200)}a = :v${')'.repeat(1200)}`;
    expect(() => parseExpression(deep)).toThrow(/nested too deeply near "\(" at position 1001/);
    expect(() => parseExpression(`${'NOT '.repeat(5000)}a = :v`)).toThrow(ExpressionError);
  });

  it('takes 300 operators, as DynamoDB does, and refuses the 301st', () => {
    expect(() => parseExpression(`${'NOT '.repeat(299)}a = :v`)).not.toThrow();
    expect(() => parseExpression(`${'NOT '.repeat(300)}a = :v`)).toThrow(/too many operators .* near "=" at position 1203/);
    const ors = (n: number) => Array.from({ length: n }, () => 'size(a) = :v').join(' OR ');
    expect(() => parseExpression(ors(100))).not.toThrow();
    expect(() => parseExpression(ors(101))).toThrow(/too many operators/);
    expect(() => parseExpression(`${'((a) = :v) OR '.repeat(150)}a = :v`)).toThrow(/too many operators/);
    expect(() => parseExpression(`${'((a) = :v) OR '.repeat(149)}a = :v`)).not.toThrow();
  });

  it('refuses IN with more than 100 operands', () => {
    const list = Array.from({ length: 101 }, () => ':v').join(',');
    expect(() => parseExpression(`a IN (${list})`)).toThrow(/at most 100 operands near "IN" at position 3/);
  });
});

describe('expression type rules', () => {
  it('orders strings by code point, numbers numerically, nothing across types', () => {
    expect(compareCodePoints('\uFFFD', '😀')).toBeLessThan(0);
    expect('\uFFFD' < '😀').toBe(false);
    expect(order(2, 10)).toBe(-1);
    expect(order('2', '10')).toBe(1);
    expect(order(1, '1')).toBeUndefined();
    expect(order(true, false)).toBeUndefined();
  });

  it('compares lists and maps deeply, never across types', () => {
    expect(equals({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(equals({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(equals([1, 2], [2, 1])).toBe(false);
    expect(equals(1, '1')).toBe(false);
  });

  it('measures strings in UTF-16 code units as DynamoDB does, lists and maps in entries', () => {
    expect([sizeOf('😀a'), sizeOf('é'), sizeOf([1, 2]), sizeOf({ a: 1 }), sizeOf(3), sizeOf(true), sizeOf(null)]).toEqual([
      3,
      1,
      2,
      1,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('a missing path is neither equal nor ordered, but is <> anything', () => {
    const eq = compileExpression({ expression: 'a = :v', values: { ':v': 1 } });
    const ne = compileExpression({ expression: 'a <> :v', values: { ':v': 1 } });
    const lt = compileExpression({ expression: 'a < :v', values: { ':v': 1 } });
    expect([eq({}), ne({}), lt({})]).toEqual([false, true, false]);
  });
});

describe('expression SQL form', () => {
  it('is exact for comparisons, BETWEEN, IN, existence, types and begins_with; inexact for size and contains', () => {
    const sql = (expression: string, values: Record<string, unknown> = {}) => compileFilter({ expression, values }).sql;
    for (const e of [
      'a = :s',
      'a <> :s',
      'a < :s',
      'a BETWEEN :s AND :t',
      'a IN (:s, :t)',
      'attribute_exists(a)',
      'begins_with(a, :s)',
      'attribute_type(a, :N)',
      'NOT (a = :s OR n > :n)',
    ]) {
      const values = Object.fromEntries(
        [
          [':s', 'x'],
          [':t', 'y'],
          [':N', 'N'],
          [':n', 1],
        ].filter(([k]) => e.includes(k as string)),
      );
      expect(sql(e, values)?.exact, e).toBe(true);
    }
    expect(sql('size(a) > :n', { ':n': 1 })?.exact).toBe(false);
    expect(sql('contains(a, :s) AND n > :n', { ':s': 'x', ':n': 1 })).toMatchObject({ exact: false, where: expect.stringContaining('json_extract') });
    expect(sql('NOT contains(a, :s)', { ':s': 'x' })).toEqual({ where: '1', params: [], exact: false });
    expect(compileFilter({}).sql).toBeUndefined();
  });

  it('binds attribute paths and values as parameters', () => {
    const f = compileFilter({ expression: '#x.#y[1] = :v', attributes: { '#x': "it's", '#y': 'a.b' }, values: { ':v': "'; DROP TABLE items; --" } });
    expect(f.sql?.where).not.toContain('DROP');
    expect(f.sql?.params).toEqual(['$."it\'s"."a.b"[1]', '$."it\'s"."a.b"[1]', "'; DROP TABLE items; --"]);
  });
});

describe('paths into the primary key', () => {
  it('are refused, as DynamoDB refuses them: a key attribute is a scalar', () => {
    const input = { attributes: { '#id': 'id' }, values: { ':a': 'a', ':b': 'b' }, primaryKey: 'id' };
    expect(() => compileFilter({ ...input, expression: '#id[0] BETWEEN :a AND :b' })).toThrow(
      "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: id",
    );
    expect(() => compileFilter({ ...input, expression: 'id.x = :a AND #id = :b' })).toThrow(/Key: id/);
    expect(() => compileFilter({ ...input, expression: '#id BETWEEN :a AND :b' })).not.toThrow();
    // Another attribute's path is fine, and without a known key nothing is refused.
    expect(() => compileFilter({ ...input, attributes: { '#t': 'tags' }, expression: '#t[0] BETWEEN :a AND :b' })).not.toThrow();
    expect(() => compileFilter({ ...input, primaryKey: undefined, expression: '#id[0] BETWEEN :a AND :b' })).not.toThrow();
  });
});
