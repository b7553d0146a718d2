import { describe, expect, it } from 'vitest';
import { checkWhereAttributes, compileWhere, InvalidWhere } from './index.js';

function caught(f: () => unknown): InvalidWhere {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidWhere);
    return e as InvalidWhere;
  }
  throw new Error('expected an InvalidWhere');
}

describe('the --where language, as the CLI and the console share it', () => {
  it('compiles with placeholders for names and values', () => {
    expect(compileWhere('status = "done"')).toEqual({
      expression: '#status = :v0',
      expression_attributes: { '#status': 'status' },
      expression_values: { ':v0': 'done' },
    });
  });

  it('throws a plain error naming the column, with the caret lines and the fix', () => {
    const e = caught(() => compileWhere('owner = ana'));
    expect(e.message).toBe(
      'Invalid --where at column 9: ana is a bare word where a value belongs: a string takes double quotes, "ana"; an attribute there, backticks',
    );
    expect(e.details).toEqual(['owner = ana', '        ^']);
    expect(e.fixed).toBe('owner = "ana"');
  });

  it('names an attribute the datastore does not have', () => {
    const e = caught(() => checkWhereAttributes('titel = "x"', 'tasks', ['id', 'title']));
    expect(e.message).toBe('Invalid --where at column 1: datastore tasks has no attribute "titel" (did you mean title?)');
    expect(e.fixed).toBe('title = "x"');
  });
});
