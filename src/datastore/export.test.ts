import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EXPORT_PAGE_SIZE, exportItems, pageText, parseCheckpoint, sameQuery, type ExportProgress } from './export.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('exportItems', () => {
  it('asks for the next page while writing one, and checkpoints after each write', async () => {
    const events: string[] = [];
    const limits: number[] = [];
    const answers: Record<string, { items: { id: string }[]; response_metadata?: { next_cursor: string } }> = {
      '': { items: [{ id: 'a' }], response_metadata: { next_cursor: 'c1' } },
      c1: { items: [{ id: 'é' }] },
    };
    const r = await exportItems(
      {
        fetch: async (limit, cursor) => (limits.push(limit), events.push(`fetch ${cursor ?? ''}`), answers[cursor ?? '']!),
        write: async (text) => void events.push(`write ${text.trim()}`),
        checkpoint: async (c?: ExportProgress) => void events.push(`checkpoint ${JSON.stringify(c ?? null)}`),
      },
      undefined,
    );
    expect(events).toEqual([
      'fetch ',
      'fetch c1',
      'write {"id":"a"}',
      `checkpoint {"cursor":"c1","lines":1,"bytes":11,"sha256":"${sha256('{"id":"a"}\n')}"}`,
      'write {"id":"é"}',
      'checkpoint null',
    ]);
    expect(limits).toEqual([EXPORT_PAGE_SIZE, EXPORT_PAGE_SIZE]);
    expect(r).toEqual({ lines: 2, bytes: 11 + Buffer.byteLength(pageText([{ id: 'é' }])) });
  });

  it('starts from a checkpoint, its hash going on from the bytes already written', async () => {
    const seen: (string | undefined)[] = [];
    const sums: string[] = [];
    const answers: Record<string, { items: { id: string }[]; response_metadata?: { next_cursor: string } }> = {
      c9: { items: [{ id: 'z' }], response_metadata: { next_cursor: 'c10' } },
      c10: { items: [] },
    };
    const prefix = '{"id":"y"}\n';
    const r = await exportItems(
      {
        fetch: async (_l, c) => (seen.push(c), answers[c ?? '']!),
        write: async () => {},
        checkpoint: async (c) => void (c && sums.push(c.sha256)),
      },
      { cursor: 'c9', lines: 1, bytes: 11, hash: createHash('sha256').update(prefix) },
    );
    expect(seen).toEqual(['c9', 'c10']);
    expect(sums).toEqual([sha256(`${prefix}{"id":"z"}\n`)]);
    expect(r).toEqual({ lines: 2, bytes: 22 });
  });

  it('a failed write stops the run and leaves no request unanswered', async () => {
    let fetched = 0;
    const run = exportItems(
      {
        fetch: async (_l, c) => (fetched++, { items: [{ id: c ?? 'first' }], response_metadata: { next_cursor: `${c ?? ''}x` } }),
        write: async () => {
          throw new Error('disk full');
        },
        checkpoint: async () => {},
      },
      undefined,
    );
    await expect(run).rejects.toThrow('disk full');
    expect(fetched).toBe(2);
  });
});

describe('parseCheckpoint', () => {
  const whole = { cursor: 'c', lines: 1, bytes: 2, sha256: 'ab', query: { app_id: 'A1', datastore: 'tasks' }, file: { dev: '1', ino: '2' } };
  it('accepts a whole checkpoint only', () => {
    expect(parseCheckpoint(JSON.stringify(whole))).toEqual(whole);
    expect(parseCheckpoint(JSON.stringify({ ...whole, where: 'a = 1' }))).toEqual({ ...whole, where: 'a = 1' });
    // What an older rosi wrote: no record of the file or the query, so nothing to check a resume against.
    expect(parseCheckpoint('{"cursor":"c","lines":1,"bytes":2}')).toBeUndefined();
    expect(parseCheckpoint(JSON.stringify({ ...whole, file: { dev: 1, ino: 2 } }))).toBeUndefined();
    expect(parseCheckpoint('nope')).toBeUndefined();
    expect(parseCheckpoint('null')).toBeUndefined();
  });
});

describe('sameQuery', () => {
  const q = { app_id: 'A1', datastore: 'tasks', expression: '#a = :v0', expression_attributes: { '#a': 'a' }, expression_values: { ':v0': 1 } };
  it.each([
    {
      name: 'the same filter, keys in another order',
      other: { expression_values: { ':v0': 1 }, datastore: 'tasks', expression_attributes: { '#a': 'a' }, expression: '#a = :v0', app_id: 'A1' },
      want: true,
    },
    { name: 'another datastore', other: { ...q, datastore: 'things' }, want: false },
    { name: 'another app', other: { ...q, app_id: 'A2' }, want: false },
    { name: 'another value', other: { ...q, expression_values: { ':v0': 2 } }, want: false },
    { name: 'no filter', other: { app_id: 'A1', datastore: 'tasks' }, want: false },
  ])('$name → $want', ({ other, want }) => {
    expect(sameQuery(q, other)).toBe(want);
  });
});
