import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors/cli-error.js';
import { orderedExpression, parseExpression, parseJson, type Verb } from './expression.js';
import { MAX_JSON_DEPTH } from '../lib/json-depth.js';
import { locateJsonError } from '../lib/json-error.js';

function usage(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return e as UsageError;
  }
  throw new Error('expected a UsageError');
}

describe('parseExpression', () => {
  it.each<{ name: string; verb: Verb; text: string; want: object }>([
    { name: 'get by id', verb: 'get', text: '{"id": "42"}', want: { id: '42' } },
    { name: 'keys in any case', verb: 'get', text: '{"DataStore": "tasks", "ID": "42", "App": "A1"}', want: { datastore: 'tasks', id: '42', app: 'A1' } },
    { name: 'put an item', verb: 'put', text: '{"item": {"id": "42", "done": true}}', want: { item: { id: '42', done: true } } },
    { name: 'bulk-put items', verb: 'bulk-put', text: '{"items": [{"id": "1"}, {"id": "2"}]}', want: { items: [{ id: '1' }, { id: '2' }] } },
    { name: 'bulk-get ids', verb: 'bulk-get', text: '{"ids": ["12", "42"]}', want: { ids: ['12', '42'] } },
    {
      name: 'query with a filter',
      verb: 'query',
      text: '{"datastore": "tasks", "expression": "#s = :s", "expression_attributes": {"#s": "status"}, "expression_values": {":s": "In Progress"}, "limit": 8, "cursor": "c1"}',
      want: {
        datastore: 'tasks',
        expression: '#s = :s',
        expression_attributes: { '#s': 'status' },
        expression_values: { ':s': 'In Progress' },
        limit: 8,
        cursor: 'c1',
      },
    },
    { name: 'count with an empty object', verb: 'count', text: '{}', want: {} },
    { name: 'white space around', verb: 'delete', text: '  {"id":"7"}\n', want: { id: '7' } },
  ])('$name', ({ verb, text, want }) => {
    expect(parseExpression(text, verb)).toEqual(want);
  });

  it.each<{ name: string; verb: Verb; text: string; msg: string; details?: string[] }>([
    {
      name: 'a missing quote',
      verb: 'get',
      text: '{"id: "42"}',
      msg: 'The expression is not valid JSON: expected ":" at column 8, found "4"',
      details: ['{"id: "42"}', '       ^'],
    },
    { name: 'single quotes', verb: 'get', text: "{'id': '42'}", msg: 'expected a property name in double quotes at column 2, found "\'"' },
    { name: 'trailing comma', verb: 'get', text: '{"id": "42",}', msg: 'expected a property name in double quotes at column 13, found "}"' },
    { name: 'cut short', verb: 'get', text: '{"id": "42"', msg: 'expected "," or "}" at column 12, found the end' },
    {
      name: 'several lines',
      verb: 'put',
      text: '{\n  "item": {\n    "id": 42,,\n  }\n}',
      msg: 'expected a property name in double quotes at line 3, column 14',
      details: ['    "id": 42,,', '             ^'],
    },
    { name: 'not an object', verb: 'get', text: '["42"]', msg: 'must be a JSON object' },
    {
      name: 'unknown key',
      verb: 'get',
      text: '{"id": "1", "colour": "red"}',
      msg: '"colour" is not a datastore expression key; the keys it takes are app, datastore, id',
    },
    {
      name: 'known key the command does not use',
      verb: 'get',
      text: '{"item": {}}',
      msg: '"item" is not used by `rosi datastore get`; the keys it takes are app, datastore, id',
    },
    { name: 'same key twice in two cases', verb: 'get', text: '{"id": "1", "ID": "2"}', msg: '"id" and "ID" name the same key' },
    { name: 'id as a number', verb: 'get', text: '{"id": 42}', msg: '"id" must be a string' },
    { name: 'ids with a number', verb: 'bulk-get', text: '{"ids": ["1", 2]}', msg: '"ids" must be an array of strings' },
    { name: 'item as an array', verb: 'put', text: '{"item": []}', msg: '"item" must be an object' },
    { name: 'limit zero', verb: 'query', text: '{"limit": 0}', msg: '"limit" must be a positive whole number' },
    { name: 'empty datastore', verb: 'query', text: '{"datastore": ""}', msg: '"datastore" must be a non-empty string' },
    { name: 'attributes not strings', verb: 'count', text: '{"expression_attributes": {"#a": 1}}', msg: '"expression_attributes" must be an object' },
  ])('error: $name', ({ verb, text, msg, details }) => {
    const e = usage(() => parseExpression(text, verb));
    expect(e.code).toBe('invalid_datastore_expression');
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain(msg);
    if (details) expect(e.details).toEqual(details);
  });

  it('orderedExpression puts app first and drops empty fields', () => {
    expect(JSON.stringify(orderedExpression({ id: '1', datastore: 'tasks', app: 'A1', expression_values: {}, cursor: '' }))).toBe(
      '{"app":"A1","datastore":"tasks","id":"1"}',
    );
  });
});

describe('locateJsonError', () => {
  it.each([
    { text: '', offset: 0, expected: 'a value' },
    { text: '{"a": tru}', offset: 6, expected: 'a value' },
    { text: '{"a": "\\x"}', offset: 8, expected: 'an escape' },
    { text: '{"a": 1} x', offset: 9, expected: 'the end of the JSON' },
    { text: '[1 2]', offset: 3, expected: '"," or "]"' },
    { text: '{"a": "\\u12"}', offset: 8, expected: 'four hex digits after \\u' },
    { text: '['.repeat(100_000), offset: MAX_JSON_DEPTH, expected: `no more than ${MAX_JSON_DEPTH} levels of nesting` },
  ])('$text → $offset', ({ text, offset, expected }) => {
    const r = locateJsonError(text);
    expect(r.offset).toBe(offset);
    expect(r.expected).toContain(expected);
  });
});

describe('parseJson', () => {
  it('JSON nested past MAX_JSON_DEPTH is a usage error naming the input, not a stack overflow later', () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const e = usage(() => parseJson(deep, '--item', 'put'));
    expect(e.message).toBe(`--item nests more than ${MAX_JSON_DEPTH} levels deep`);
    expect(e.code).toBe('invalid_datastore_expression');
    expect(e.exitCode).toBe(2);
    expect(parseJson(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`, '--item', 'put')).toBeInstanceOf(Array);
  });
});
