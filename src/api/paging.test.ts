import { describe, expect, it } from 'vitest';
import { cursorPages, readAhead, RepeatedCursorError, type CursorPaged, type PageRequest, type PagingOptions } from './paging.js';

interface Answer extends CursorPaged {
  ids: string[];
}

/** A listing keyed by the cursor asked for ('' for none); it records every request. */
function listing(pages: Record<string, Answer>) {
  const asked: PageRequest[] = [];
  const fetchPage = async (r: PageRequest) => {
    asked.push(r);
    const page = pages[r.cursor ?? ''];
    if (!page) throw new Error(`no page for ${r.cursor}`);
    return page;
  };
  return { fetchPage, asked };
}

const page = (ids: string[], next?: string): Answer => ({ ids, ...(next === undefined ? {} : { response_metadata: { next_cursor: next } }) });

async function collect(l: ReturnType<typeof listing>, o?: PagingOptions<Answer>) {
  const out: { ids: string[]; next: string | undefined }[] = [];
  for await (const p of cursorPages(l.fetchPage, o)) out.push({ ids: p.page.ids, next: p.nextCursor });
  return out;
}

describe('cursorPages', () => {
  it('follows the cursors to a page without one', async () => {
    const l = listing({ '': page(['a'], 'c1'), c1: page([], 'c2'), c2: page(['b', 'c']) });
    expect(await collect(l)).toEqual([
      { ids: ['a'], next: 'c1' },
      { ids: [], next: 'c2' },
      { ids: ['b', 'c'], next: undefined },
    ]);
    expect(l.asked).toEqual([
      { cursor: undefined, remaining: Infinity },
      { cursor: 'c1', remaining: Infinity },
      { cursor: 'c2', remaining: Infinity },
    ]);
  });

  it('an empty next_cursor ends the listing, as Slack marks the last page', async () => {
    const l = listing({ '': page(['a'], 'c1'), c1: page(['b'], '') });
    expect(await collect(l)).toEqual([
      { ids: ['a'], next: 'c1' },
      { ids: ['b'], next: undefined },
    ]);
  });

  it('an answer that repeats the cursor it was asked with is an invalid_cursor error, not an end', async () => {
    const l = listing({ '': page(['a'], 'c1'), c1: page(['b'], 'c1') });
    const e = await collect(l).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RepeatedCursorError);
    expect(e).toMatchObject({ code: 'invalid_cursor', exitCode: 1, hint: 'Retry; if it persists, the API host is misbehaving.' });
    expect(l.asked).toHaveLength(2);
  });

  it('a resumed listing that is answered with its own cursor is refused too', async () => {
    await expect(collect(listing({ c5: page([], 'c5') }), { cursor: 'c5' })).rejects.toMatchObject({ code: 'invalid_cursor' });
  });

  it('stops after the items wanted, telling each request how many remain, and keeps the last cursor', async () => {
    const l = listing({ '': page(['a', 'b'], 'c1'), c1: page(['c'], 'c2'), c2: page(['d']) });
    const pages = await collect(l, { stopAfter: { items: 3, count: (p) => p.ids.length } });
    expect(pages.at(-1)).toEqual({ ids: ['c'], next: 'c2' });
    expect(l.asked.map((r) => r.remaining)).toEqual([3, 1]);
  });

  it('fetches nothing more when the caller stops early', async () => {
    const l = listing({ '': page(['a'], 'c1'), c1: page(['b']) });
    for await (const p of cursorPages(l.fetchPage)) if (p.page.ids.length) break;
    expect(l.asked).toHaveLength(1);
  });
});

describe('readAhead', () => {
  it('asks for the next page as soon as one arrives, before the caller is done with it', async () => {
    const l = listing({ '': page(['a'], 'c1'), c1: page(['b'], 'c2'), c2: page(['c']) });
    const seen: string[][] = [];
    for await (const p of readAhead(cursorPages(l.fetchPage))) {
      // Let the request made on the page's arrival go out before this page is "written".
      await new Promise((r) => setImmediate(r));
      seen.push([...p.page.ids, `asked ${l.asked.length}`]);
    }
    expect(seen).toEqual([
      ['a', 'asked 2'],
      ['b', 'asked 3'],
      ['c', 'asked 3'],
    ]);
  });

  it('a failed read-ahead surfaces when its page is asked for, not as an unhandled rejection', async () => {
    const l = listing({ '': page(['a'], 'gone') });
    const seen: string[] = [];
    const read = async () => {
      for await (const p of readAhead(cursorPages(l.fetchPage))) {
        await new Promise((r) => setTimeout(r, 5));
        seen.push(...p.page.ids);
      }
    };
    await expect(read()).rejects.toThrow('no page for gone');
    expect(seen).toEqual(['a']);
  });

  it('a caller that stops waits for the request in flight and makes no other', async () => {
    let settled = 0;
    const l = listing({ '': page(['a'], 'c1'), c1: page(['b'], 'c2'), c2: page(['c']) });
    const slow = async (r: PageRequest) => {
      const p = await l.fetchPage(r);
      await new Promise((done) => setTimeout(done, 5));
      settled++;
      return p;
    };
    for await (const p of readAhead(cursorPages(slow))) if (p.page.ids[0] === 'a') break;
    expect(l.asked.map((r) => r.cursor)).toEqual([undefined, 'c1']);
    expect(settled).toBe(2);
  });
});
