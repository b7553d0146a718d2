import { describe, expect, it } from 'vitest';
import { exportItems, pageText, parseCheckpoint, type ExportCheckpoint } from './export.js';

describe('exportItems', () => {
  it('writes each page before fetching the next and checkpoints after it', async () => {
    const events: string[] = [];
    const answers: Record<string, { items: { id: string }[]; response_metadata?: { next_cursor: string } }> = {
      '': { items: [{ id: 'a' }], response_metadata: { next_cursor: 'c1' } },
      c1: { items: [{ id: 'é' }] },
    };
    const r = await exportItems({
      fetch: async (_limit, cursor) => (events.push(`fetch ${cursor ?? ''}`), answers[cursor ?? '']!),
      write: async (text) => void events.push(`write ${text.trim()}`),
      checkpoint: async (c?: ExportCheckpoint) => void events.push(`checkpoint ${JSON.stringify(c ?? null)}`),
    }, undefined);
    expect(events).toEqual([
      'fetch ', 'write {"id":"a"}', 'checkpoint {"cursor":"c1","lines":1,"bytes":11}',
      'fetch c1', 'write {"id":"é"}', 'checkpoint null',
    ]);
    expect(r).toEqual({ lines: 2, bytes: 11 + Buffer.byteLength(pageText([{ id: 'é' }])) });
  });

  it('starts from a checkpoint', async () => {
    const seen: (string | undefined)[] = [];
    const r = await exportItems({ fetch: async (_l, c) => (seen.push(c), { items: [{ id: 'z' }] }), write: async () => {}, checkpoint: async () => {} }, { cursor: 'c9', lines: 5, bytes: 50 });
    expect(seen).toEqual(['c9']);
    expect(r).toEqual({ lines: 6, bytes: 61 });
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
