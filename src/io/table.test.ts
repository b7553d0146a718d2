import { describe, expect, it } from 'vitest';
import { formatTable } from './table.js';

describe('formatTable', () => {
  const headers = ['id', 'title', 'done'];
  const rows = [
    ['1', 'Write the parser', 'true'],
    ['22', 'Ship\tit\nnow', 'false'],
  ];

  it('off a TTY: a header row then tab-separated values, tabs and newlines escaped', () => {
    expect(formatTable(headers, rows, { tty: false, columns: 10 })).toEqual(['id\ttitle\tdone', '1\tWrite the parser\ttrue', '22\tShip\\tit\\nnow\tfalse']);
  });

  it('on a TTY: aligned columns', () => {
    expect(formatTable(headers, rows, { tty: true, columns: 80 })).toEqual([
      'id  title             done',
      '1   Write the parser  true',
      '22  Ship it now       false',
    ]);
  });

  it('on a narrow TTY: the widest column is cut with an ellipsis', () => {
    const out = formatTable(headers, rows, { tty: true, columns: 20 });
    expect(out).toEqual(['id  title      done', '1   Write th…  true', '22  Ship it …  false']);
    for (const line of out) expect(line.length).toBeLessThanOrEqual(20);
  });

  it('missing cells are empty', () => {
    expect(formatTable(['a', 'b'], [['1']], { tty: false, columns: 80 })).toEqual(['a\tb', '1\t']);
  });
});
