import { describe, expect, it } from 'vitest';
import { EXPORT_PAGE_SIZE, exportItems, pageText, parseCheckpoint, type ExportCheckpoint } from './export.js';

describe('exportItems', () => {
  it('asks for the next page while writing one, and checkpoints after each write', async () => {
    const events: string[] = [];
    const limits: number[] = [];
    const answers: Record<string, { items: { id: string }[]; response_metadata?: { next_cursor: string } }> = {
      '': { items: [{ id: 'a' }], response_metadata: { next_cursor: 'c1' } },
      c1: { items: [{ id: 'é' }] },
    };
    const r = await exportItems({
      fetch: async (limit, cursor) => (limits.push(limit), events.push(`fetch ${cursor ?? ''}`), answers[cursor ?? '']!),
      write: async (text) => void events.push(`write ${text.trim()}`),
      checkpoint: async (c?: ExportCheckpoint) => void events.push(`checkpoint ${JSON.stringify(c ?? null)}`),
    }, undefined);
    expect(events).toEqual([
      'fetch ', 'fetch c1', 'write {"id":"a"}', 'checkpoint {"cursor":"c1","lines":1,"bytes":11}',
      'write {"id":"é"}', 'checkpoint null',
    ]);
    expect(limits).toEqual([EXPORT_PAGE_SIZE, EXPORT_PAGE_SIZE]);
    expect(r).toEqual({ lines: 2, bytes: 11 + Buffer.byteLength(pageText([{ id: 'é' }])) });
  });

  it('starts from a checkpoint', async () => {
    const seen: (string | undefined)[] = [];
    const r = await exportItems({ fetch: async (_l, c) => (seen.push(c), { items: [{ id: 'z' }] }), write: async () => {}, checkpoint: async () => {} }, { cursor: 'c9', lines: 5, bytes: 50 });
    expect(seen).toEqual(['c9']);
    expect(r).toEqual({ lines: 6, bytes: 61 });
  });

  it('a failed write stops the run and leaves no request unanswered', async () => {
    let fetched = 0;
    const run = exportItems({
      fetch: async (_l, c) => (fetched++, { items: [{ id: c ?? 'first' }], response_metadata: { next_cursor: `${c ?? ''}x` } }),
      write: async () => {
        throw new Error('disk full');
      },
      checkpoint: async () => {},
    }, undefined);
    await expect(run).rejects.toThrow('disk full');
    expect(fetched).toBe(2);
  });
});

describe('parseCheckpoint', () => {
  it('accepts a whole checkpoint only', () => {
    expect(parseCheckpoint('{"cursor":"c","lines":1,"bytes":2}')).toEqual({ cursor: 'c', lines: 1, bytes: 2 });
    expect(parseCheckpoint('{"cursor":"c","lines":1}')).toBeUndefined();
    expect(parseCheckpoint('nope')).toBeUndefined();
    expect(parseCheckpoint('null')).toBeUndefined();
  });
});
