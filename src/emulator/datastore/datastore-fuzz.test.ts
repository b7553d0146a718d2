import { describe, expect, it } from 'vitest';
import { useSharedDatastore } from '../../../test/helpers/datastore.js';
import type { Json } from '../../../test/helpers/in-process-emulator.js';
import { random, type Rng } from '../../../test/helpers/random.js';
import { methods } from '../../api/methods.js';
import { compileFilter, ExpressionError, type SqlFilter } from './expression/index.js';
import { loadSqlite } from '../db/sqlite.js';

const PATHS = ['#a', '#b', '#c', '#m.#k', '#c[0]', '#c[1].#k', '#undefined', 'n', 'flag', 'meta.color', 'status', '#c[99999999999999999999]', 'tags[2]'];
const VALUES = [':v0', ':v1', ':v2', ':v3', ':missing'];
const COMPARATORS = ['=', '<>', '<', '<=', '>', '>='];
const FUNCTIONS = ['attribute_exists', 'attribute_not_exists', 'attribute_type', 'begins_with', 'contains', 'size'];
const GARBAGE = [
  '$',
  ')',
  '(',
  '[',
  ']',
  '#',
  ':',
  ',',
  '.',
  'AND',
  'OR',
  'NOT',
  'BETWEEN',
  'IN',
  '"x"',
  "'",
  '1.5',
  '-',
  '\u0000',
  '😀',
  '==',
  '!=',
  'size',
  'contains(',
  '\\',
  '#a.',
  '[0',
  ':v0:',
  '\n',
];

function operand(r: Rng, depth: number): string {
  const roll = r.int(10);
  if (roll < 4) return r.pick(PATHS);
  if (roll < 8) return r.pick(VALUES);
  if (roll < 9) return `size(${r.chance(0.8) ? r.pick(PATHS) : r.pick(VALUES)})`;
  return depth > 3 ? r.pick(GARBAGE) : `${r.pick(FUNCTIONS)}(${operand(r, depth + 1)})`;
}

function condition(r: Rng, depth = 0): string {
  const roll = depth > 4 ? r.int(4) : r.int(9);
  switch (roll) {
    case 0:
    case 1:
      return `${operand(r, depth)} ${r.pick(COMPARATORS)} ${operand(r, depth)}`;
    case 2:
      return `${operand(r, depth)} BETWEEN ${operand(r, depth)} AND ${operand(r, depth)}`;
    case 3: {
      const f = r.pick(FUNCTIONS);
      return `${f}(${Array.from({ length: r.int(4) }, () => operand(r, depth)).join(', ')})`;
    }
    case 4:
      return `${operand(r, depth)} IN (${Array.from({ length: r.int(4) }, () => operand(r, depth)).join(',')})`;
    case 5:
      return `${condition(r, depth + 1)} ${r.pick(['AND', 'OR', 'and', 'or'])} ${condition(r, depth + 1)}`;
    case 6:
      return `NOT ${condition(r, depth + 1)}`;
    case 7:
      return `(${condition(r, depth + 1)})`;
    default:
      return r.chance(0.1) ? `${'('.repeat(150)}#a = :v0${')'.repeat(150)}` : condition(r, depth + 1);
  }
}

/** A generated condition, sometimes with a garbage token inserted or a token dropped. */
function expression(r: Rng): string {
  const tokens = condition(r).split(' ');
  if (r.chance(0.3)) tokens.splice(r.int(tokens.length + 1), 0, r.pick(GARBAGE));
  if (r.chance(0.15)) tokens.splice(r.int(tokens.length), 1);
  return tokens.join(r.chance(0.1) ? '' : ' ');
}

function jsonValue(r: Rng, depth = 0): unknown {
  switch (r.int(depth > 2 ? 5 : 7)) {
    case 0:
      return r.pick(['', 'a', 'red', 'S', 'N', 'L', 'fruit', '😀', 'x'.repeat(r.int(50)), 'a\u0000b', '\uD800', 're']);
    case 1:
      return r.pick([0, 1, -1, 2.5, 1e300, -0, 7, Number.MAX_SAFE_INTEGER]);
    case 2:
      return r.chance(0.5);
    case 3:
      return null;
    case 4:
      return r.pick(['BOOL', 'M', 'NULL', 'SS']);
    case 5:
      return Array.from({ length: r.int(4) }, () => jsonValue(r, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: r.int(3) }, (_, i) => [`k${i}`, jsonValue(r, depth + 1)]));
  }
}

const NAMES: Record<string, string> = { '#a': 'n', '#b': 'name', '#c': 'tags', '#m': 'meta', '#k': 'color' };

/** Mostly the placeholders the expression uses (DynamoDB refuses unused ones), sometimes a random set. */
function request(r: Rng): Json {
  const text = expression(r);
  const exact = r.chance(0.8);
  const usedValues = new Set(text.match(/:[A-Za-z0-9_]+/g) ?? []);
  const usedNames = new Set(text.match(/#[A-Za-z0-9_]+/g) ?? []);
  const values = Object.fromEntries(
    VALUES.slice(0, 4)
      .filter((k) => (exact ? usedValues.has(k) : r.chance(0.7)))
      .map((k) => [k, jsonValue(r)]),
  );
  const names = Object.fromEntries(Object.entries(NAMES).filter(([k]) => (exact ? usedNames.has(k) : r.chance(0.8))));
  return {
    expression: r.chance(0.05) ? r.pick([42, null, ['x'], '']) : text,
    expression_attributes: r.chance(0.05) ? r.pick(['#a', [1], { '#a': 5 }, { a: 'n' }]) : names,
    expression_values: r.chance(0.05) ? r.pick([':v0', [1], 3, { v0: 1 }]) : values,
    ...(r.chance(0.2) ? { limit: r.pick([1, 5, 0, 2000, -3, 'x']) } : {}),
  };
}

const ITEMS: Json[] = [
  { id: 'f1', n: 1, name: 'red', tags: ['fruit', { color: 'red' }], meta: { color: 'red' }, flag: true, status: 'open' },
  { id: 'f2', n: 2.5, name: '', tags: [], meta: {}, flag: false },
  { id: 'f3', name: '😀', tags: [1, [2], null], misc: null },
  { id: 'f4' },
  { id: 'f5', name: 'a\u0000b', tags: ['\uD800', 'a'], meta: { color: 'a' } },
  { id: 'f6', name: '\uD800', n: 0, status: 'a\u0000b' },
];

describe('filter expression fuzzing', () => {
  const shared = useSharedDatastore(ITEMS);

  it('compiles or refuses with an ExpressionError; the SQL form agrees with the predicate', async () => {
    const db = (await loadSqlite()).open(':memory:');
    db.exec('CREATE TABLE items (id TEXT PRIMARY KEY, json TEXT NOT NULL)');
    for (const item of ITEMS) db.prepare('INSERT INTO items VALUES (?, ?)').run(item.id, JSON.stringify(item));
    const sqlMatches = (sql: SqlFilter) =>
      (db.prepare(`SELECT id FROM items WHERE ${sql.where} ORDER BY id`).all(...sql.params) as { id: string }[]).map((x) => x.id);
    const r = random(20261128);
    let exact = 0;
    for (let run = 0; run < 20_000; run++) {
      const req = request(r);
      if (typeof req.expression !== 'string') continue;
      let compiled: ReturnType<typeof compileFilter>;
      try {
        compiled = compileFilter({
          expression: req.expression,
          attributes: req.expression_attributes as Record<string, string>,
          values: req.expression_values as Json,
        });
      } catch (e) {
        if (!(e instanceof ExpressionError)) throw new Error(`run ${run}: ${JSON.stringify(req)} threw ${String(e)}`);
        continue;
      }
      const matching = ITEMS.filter((item) => compiled.predicate(item)).map((item) => item.id);
      if (!compiled.sql) continue;
      const bySql = sqlMatches(compiled.sql);
      const where = `run ${run}: ${req.expression as string} ${JSON.stringify(req.expression_values)}`;
      if (compiled.sql.exact) {
        exact++;
        expect(bySql, where).toEqual(matching);
      } else {
        expect(
          bySql.filter((id) => matching.includes(id)),
          where,
        ).toEqual(matching);
      }
    }
    db.close();
    expect(exact).toBeGreaterThan(100);
  });

  it('every HTTP answer to a random query or count is a Slack envelope, never a crash', async () => {
    const { emu, client } = shared();
    const r = random(42);
    const answers: Json[] = [];
    for (let batch = 0; batch < 40; batch++) {
      const calls = Array.from({ length: 25 }, () => {
        const method = r.chance(0.5) ? 'query' : 'count';
        return client.call(method, { datastore: 'things', ...request(r) }).then((a) => ({ method, a }));
      });
      for (const { method, a } of await Promise.all(calls)) {
        answers.push(a);
        if (a.ok === true) {
          expect(methods[`apps.datastore.${method}` as 'apps.datastore.query'].response.safeParse(a).success).toBe(true);
          continue;
        }
        expect(a.ok).toBe(false);
        expect(['datastore_error', 'invalid_arguments']).toContain(a.error);
        if (a.error === 'datastore_error') {
          expect(a.errors).toEqual([{ code: 'invalid_expression', message: expect.any(String), pointer: '/expression' }]);
        }
      }
    }
    expect(emu.errors).toEqual([]);
    expect(answers).toHaveLength(1000);
    // The grammar is meant to reach both sides: a fuzz that only ever fails proves little.
    expect(answers.filter((a) => a.ok === true).length).toBeGreaterThan(50);
  });

  it('query pages hold exactly the items the predicate matches, in key order, and count agrees, whatever the limit', async () => {
    const { client } = shared();
    const r = random(7);
    let compared = 0;
    for (let run = 0; run < 1500; run++) {
      const req = request(r);
      if (typeof req.expression !== 'string') continue;
      let compiled: ReturnType<typeof compileFilter>;
      try {
        compiled = compileFilter({
          expression: req.expression,
          attributes: req.expression_attributes as Record<string, string>,
          values: req.expression_values as Json,
        });
      } catch {
        continue;
      }
      const limit = r.pick([1, 2, 4, 1000]);
      const seen: unknown[] = [];
      let cursor: string | undefined;
      let answer: Json;
      do {
        answer = await client.call('query', { datastore: 'things', ...req, limit, ...(cursor ? { cursor } : {}) });
        if (answer.ok !== true) break;
        seen.push(...(answer.items as Json[]).map((i) => i.id));
        cursor = (answer.response_metadata as { next_cursor?: string } | undefined)?.next_cursor;
      } while (cursor);
      if (answer.ok !== true) continue;
      const where = `run ${run}: ${req.expression} ${JSON.stringify(req.expression_values)} limit ${limit}`;
      expect(seen, where).toEqual(ITEMS.filter((item) => compiled.predicate(item)).map((item) => item.id));
      expect((await client.call('count', { datastore: 'things', ...req })).count, where).toBe(seen.length);
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
    // A few thousand HTTP calls: seconds alone, longer beside a busy suite.
  }, 60_000);
});
