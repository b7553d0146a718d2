import { describe, expect, it } from 'vitest';
import { queryPages, type QueryAnswer } from './query.js';

function server(pages: Record<string, QueryAnswer>) {
  const seen: { limit: number; cursor: string | undefined }[] = [];
  const call = async (limit: number, cursor: string | undefined) => {
    seen.push({ limit, cursor });
    const page = pages[cursor ?? ''];
    if (!page) throw new Error(`no page for ${cursor}`);
    return page;
  };
  return { call, seen };
}

const page = (ids: string[], next?: string): QueryAnswer => ({
  items: ids.map((id) => ({ id })),
  ...(next ? { response_metadata: { next_cursor: next } } : {}),
});

async function collect(gen: AsyncGenerator<{ items: { id?: unknown }[]; nextCursor: string | undefined }>) {
  const out: { ids: unknown[]; next: string | undefined }[] = [];
  for await (const p of gen) out.push({ ids: p.items.map((i) => i.id), next: p.nextCursor });
  return out;
}

describe('queryPages', () => {
  it('follows cursors through short and empty pages to the end', async () => {
    const s = server({ '': page(['1'], 'c1'), c1: page([], 'c2'), c2: page(['2', '3']) });
    expect(await collect(queryPages(s.call, { pageSize: undefined, max: Infinity, cursor: undefined }))).toEqual([
      { ids: ['1'], next: 'c1' },
      { ids: [], next: 'c2' },
      { ids: ['2', '3'], next: undefined },
    ]);
    expect(s.seen).toEqual([
      { limit: 100, cursor: undefined },
      { limit: 100, cursor: 'c1' },
      { limit: 100, cursor: 'c2' },
    ]);
  });

  it('asks for no more than the matches still wanted, and stops at max', async () => {
    const s = server({ '': page(['1', '2'], 'c1'), c1: page(['3'], 'c2') });
    const pages = await collect(queryPages(s.call, { pageSize: undefined, max: 3, cursor: undefined }));
    expect(pages.at(-1)).toEqual({ ids: ['3'], next: 'c2' });
    expect(s.seen.map((x) => x.limit)).toEqual([3, 1]);
  });

  it('uses the expression limit as the page size and starts at the given cursor', async () => {
    const s = server({ c5: page(['9']) });
    await collect(queryPages(s.call, { pageSize: 8, max: 100, cursor: 'c5' }));
    expect(s.seen).toEqual([{ limit: 8, cursor: 'c5' }]);
  });

  it('refuses a cursor that repeats forever', async () => {
    const s = server({ '': page([], 'c1'), c1: page([], 'c1') });
    await expect(collect(queryPages(s.call, { pageSize: undefined, max: Infinity, cursor: undefined }))).rejects.toMatchObject({ code: 'invalid_cursor' });
  });
});
