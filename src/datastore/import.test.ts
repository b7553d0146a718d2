import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors/api-error.js';
import type { CallOptions, SlackApi } from '../api/client.js';
import type { Item } from './expression.js';
import {
  checkLine,
  importLines,
  LineProblem,
  MAX_ITEM_BYTES,
  streamLines,
  type ImportCommit,
  type ImportFailure,
  type ImportInto,
  type ImportSteps,
  type SourceLine,
} from './import.js';

async function* source(texts: string[]): AsyncGenerator<SourceLine[]> {
  let line = 0;
  // Uneven pieces, as chunks of a file cut lines.
  for (let i = 0; i < texts.length; i += 7) yield texts.slice(i, i + 7).map((text) => ({ line: ++line, text, end: 0 }));
}
/** A client whose every apps.datastore.bulkPut is answered by `bulkPut`; a 429 the transport resent is told as the client tells it. */
const into = (bulkPut: (items: Item[], onRateLimited: () => void) => Promise<unknown>): ImportInto => ({
  target: { appId: 'A1', datastore: 'tasks' },
  api: {
    call: (async (method: string, params: { items: Item[] }, o?: CallOptions) => {
      if (method !== 'apps.datastore.bulkPut') throw new Error(`unexpected ${method}`);
      return bulkPut(params.items, () => o?.onRetry?.(429));
    }) as unknown as SlackApi['call'],
  },
});
/** importLines with the answers to its bulkPut calls given beside its steps. */
const importVia = (
  lines: AsyncIterable<readonly SourceLine[]>,
  { bulkPut, ...steps }: ImportSteps & { bulkPut: Parameters<typeof into>[0] },
  o: Parameters<typeof importLines>[3],
) => importLines(lines, into(bulkPut), steps, o);
const lines = (n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ id: String(i + 1) }));

describe('importLines', () => {
  it('keeps at most 4 calls in flight and commits in line order even when later batches finish first', async () => {
    let inFlight = 0;
    let peak = 0;
    let call = 0;
    const commits: number[] = [];
    const r = await importVia(
      source(lines(250)),
      {
        bulkPut: async () => {
          inFlight++;
          peak = Math.max(peak, inFlight);
          // Earlier calls take longer, so completions arrive out of order.
          await new Promise((res) => setTimeout(res, 20 - (call++ % 4) * 5));
          inFlight--;
        },
        commit: async (c: ImportCommit) => void commits.push(c.line),
        sleep: async () => {},
      },
      { primaryKey: 'id' },
    );
    expect(peak).toBe(4);
    expect(commits).toEqual([25, 50, 75, 100, 125, 150, 175, 200, 225, 250]);
    expect(r).toEqual({ stored: 250, failed: 0, skipped: 0, line: 250 });
  });

  it('a rate limit halves the window and backs off before resending, at least as long as Retry-After', async () => {
    let calls = 0;
    let inFlight = 0;
    const peaks: number[] = [];
    const sleeps: number[] = [];
    const r = await importVia(
      source(lines(1000)),
      {
        bulkPut: async () => {
          inFlight++;
          peaks.push(inFlight);
          await new Promise((res) => setTimeout(res, 2));
          inFlight--;
          if (++calls === 2) throw new ApiError({ method: 'apps.datastore.bulkPut', error: 'ratelimited', status: 429 });
          if (calls === 20) throw new ApiError({ method: 'apps.datastore.bulkPut', error: 'ratelimited', status: 429, retryAfter: 3 });
        },
        commit: async () => {},
        sleep: async (ms) => void sleeps.push(ms),
      },
      { primaryKey: 'id' },
    );
    expect(sleeps).toEqual([500, 3000]);
    expect(Math.max(...peaks.slice(6, 14))).toBeLessThan(4);
    expect(r.stored).toBe(1000);
  });

  it('a 429 the transport rode out still halves the window: the pace was too high', async () => {
    let calls = 0;
    let inFlight = 0;
    const peaks: number[] = [];
    const r = await importVia(
      source(lines(1000)),
      {
        bulkPut: async (_items, onRateLimited) => {
          inFlight++;
          peaks.push(inFlight);
          await new Promise((res) => setTimeout(res, 2));
          inFlight--;
          // Succeeds, but only after a resend of a 429.
          if (++calls === 4) onRateLimited();
        },
        commit: async () => {},
        sleep: async () => {},
      },
      { primaryKey: 'id' },
    );
    // Calls started before the 429 finish; the next ones keep to the halved window, then it grows back.
    expect(peaks.slice(0, 4)).toEqual([1, 2, 3, 4]);
    expect(Math.max(...peaks.slice(7, 13))).toBe(2);
    expect(Math.max(...peaks.slice(-20))).toBe(4);
    expect(r.stored).toBe(1000);
  });

  it('an error that is no partial failure stops the run; nothing after the failed batch commits', async () => {
    const commits: number[] = [];
    let n = 0;
    const run = importVia(
      source(lines(100)),
      {
        bulkPut: async () => {
          if (++n === 2) throw new ApiError({ method: 'apps.datastore.bulkPut', error: 'internal_error' });
        },
        commit: async (c: ImportCommit) => void commits.push(c.line),
        sleep: async () => {},
      },
      { primaryKey: 'id', concurrency: 1 },
    );
    await expect(run).rejects.toMatchObject({ slackError: 'internal_error' });
    expect(commits).toEqual([25]);
  });

  it('after a failure the calls in flight finish and commit before the error comes back', async () => {
    const commits: number[] = [];
    let n = 0;
    const run = importVia(
      source(lines(500)),
      {
        bulkPut: async () => {
          const call = ++n;
          await new Promise((res) => setTimeout(res, call === 1 ? 30 : 1));
          if (call === 2) throw new ApiError({ method: 'apps.datastore.bulkPut', error: 'internal_error' });
        },
        commit: async (c: ImportCommit) => void commits.push(c.line),
        sleep: async () => {},
      },
      { primaryKey: 'id' },
    );
    await expect(run).rejects.toMatchObject({ slackError: 'internal_error' });
    expect(commits).toEqual([25]);
  });
});

describe('importLines: keys, sizes and failures', () => {
  /** A store that applies each call after `delay(call)` ms, as a server would: the last write of a key wins. */
  const applying = (delay: (call: number) => number) => {
    const stored = new Map<string, unknown>();
    const sent: { id: string }[][] = [];
    const bulkPut = async (items: Record<string, unknown>[]) => {
      const call = sent.push(items as { id: string }[]);
      JSON.stringify(items);
      await new Promise((res) => setTimeout(res, delay(call)));
      for (const i of items) stored.set(i.id as string, i);
    };
    return { stored, sent, bulkPut };
  };
  const run = (texts: string[], bulkPut: (items: Record<string, unknown>[]) => Promise<unknown>, extra: { maxBatchBytes?: number } = {}) => {
    const failures: ImportFailure[] = [];
    return importVia(
      source(texts),
      { bulkPut, commit: async (c) => void failures.push(...c.failures), sleep: async () => {} },
      { primaryKey: 'id', ...extra },
    ).then((r) => ({ r, failures }));
  };

  it('the same key twice in one batch: one item, the last line, both lines stored', async () => {
    const s = applying(() => 0);
    const { r } = await run(['{"id":"a","v":1}', '{"id":"b"}', '{"id":"a","v":2}'], s.bulkPut);
    expect(s.sent).toEqual([[{ id: 'a', v: 2 }, { id: 'b' }]]);
    expect(r).toMatchObject({ stored: 3, failed: 0 });
  });

  it('the same key in batches in flight together: the later batch waits, so the last line always wins', async () => {
    // Line 1 and line 30 share a key; the first call is the slowest, so sent at once it would land last.
    const texts = lines(60);
    texts[29] = '{"id":"1","v":"last"}';
    const s = applying((call) => (call === 1 ? 40 : 1));
    const { r } = await run(texts, s.bulkPut);
    expect(s.stored.get('1')).toEqual({ id: '1', v: 'last' });
    expect(r.stored).toBe(60);
  });

  it('batches are cut by bytes as well as by count', async () => {
    const s = applying(() => 0);
    const texts = Array.from({ length: 10 }, (_, i) => JSON.stringify({ id: String(i), blob: 'x'.repeat(90) }));
    await run(texts, s.bulkPut, { maxBatchBytes: 350 });
    expect(s.sent.map((b) => b.length)).toEqual([3, 3, 3, 1]);
  });

  it('request_too_large halves the call until it fits; an item too large alone goes to the failures', async () => {
    const stored: string[] = [];
    const bulkPut = async (items: Record<string, unknown>[]) => {
      if (JSON.stringify(items).length > 300) throw new ApiError({ method: 'apps.datastore.bulkPut', error: 'request_too_large' });
      stored.push(...items.map((i) => i.id as string));
    };
    const texts = Array.from({ length: 8 }, (_, i) => JSON.stringify({ id: String(i + 1), blob: 'x'.repeat(i === 4 ? 400 : 40) }));
    const { r, failures } = await run(texts, bulkPut);
    expect(stored.sort()).toEqual(['1', '2', '3', '4', '6', '7', '8']);
    expect(failures.map((f) => [f.line, f.reason])).toEqual([[5, 'request_too_large: the item alone is more than apps.datastore.bulkPut accepts']]);
    expect(r).toMatchObject({ stored: 7, failed: 1 });
  });

  it('failures are handed over in line order, whether found here or by Slack', async () => {
    const bulkPut = async (items: Record<string, unknown>[]) => {
      const i = items.findIndex((x) => x.id === '2');
      if (i >= 0)
        throw new ApiError({
          method: 'apps.datastore.bulkPut',
          error: 'datastore_error',
          body: { ok: false, errors: [{ code: 'invalid_attribute', pointer: `/items/${i}` }] },
        });
    };
    const { failures } = await run(['{"id":"1"}', '{"id":"2"}', 'oops', '{"id":"4"}', `{"id":"5","v":${'['.repeat(3000)}${']'.repeat(3000)}}`], bulkPut);
    expect(failures.map((f) => [f.line, f.reason])).toEqual([
      [2, 'invalid_attribute'],
      [3, 'not valid JSON'],
      [5, 'nested more than 64 levels deep'],
    ]);
    expect(failures[0]!.item).toEqual({ id: '2' });
  });
});

describe('checkLine', () => {
  it('says why a line cannot be sent', () => {
    expect(checkLine('{"id":"a"}', 'id')).toEqual({ item: { id: 'a' }, bytes: 10 });
    expect(checkLine('{', 'id')).toEqual(new LineProblem('not valid JSON', '{'));
    expect(checkLine('"x"', 'id')).toEqual(new LineProblem('not a JSON object', '"x"'));
    expect(checkLine('{"id":1}', 'id')).toEqual(new LineProblem('no primary key "id" (a non-empty string)', { id: 1 }));
  });

  it('a line of a failures file stands for its item; one kept as text is read as a line', () => {
    expect(checkLine('{"line":6,"reason":"invalid_attribute: too long","item":{"id":"a","n":1}}', 'id')).toMatchObject({ item: { id: 'a', n: 1 } });
    expect(checkLine('{"line":3,"reason":"not valid JSON","item":"{\\"id\\":\\"b\\"}"}', 'id')).toMatchObject({ item: { id: 'b' } });
    expect(checkLine('{"line":3,"reason":"not valid JSON","item":"not json"}', 'id')).toEqual(new LineProblem('not valid JSON', 'not json'));
    // An item that merely has these three attributes, and more, is an item.
    expect(checkLine('{"id":"c","line":1,"reason":"r","item":{}}', 'id')).toMatchObject({ item: { id: 'c', line: 1 } });
    expect(checkLine('{"line":1,"reason":"r","item":{"id":"d"}}', 'reason')).toMatchObject({ item: { line: 1, reason: 'r' } });
  });

  it('a line nested thousands of levels deep is a problem, not a stack overflow', () => {
    const text = `{"id":"deep","v":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    expect(checkLine(text, 'id')).toEqual(new LineProblem('nested more than 64 levels deep', text));
  });

  it('an item over the 400 KB item limit is a problem; its size is measured as JSON, not as the line', () => {
    const big = { id: 'big', blob: 'x'.repeat(MAX_ITEM_BYTES) };
    const r = checkLine(JSON.stringify(big), 'id');
    expect(r).toBeInstanceOf(LineProblem);
    expect((r as LineProblem).reason).toBe(`item_too_large: ${MAX_ITEM_BYTES + 22} bytes as JSON, over the 400 KB item limit`);
    // Escapes that shrink when parsed: the line is over the limit, the item is not.
    const escaped = `{"id":"e","blob":"${'\\u0061'.repeat(MAX_ITEM_BYTES / 5)}"}`;
    expect(checkLine(escaped, 'id')).toMatchObject({ item: { id: 'e' }, bytes: MAX_ITEM_BYTES / 5 + 20 });
  });
});

describe('streamLines', () => {
  const collect = async (chunks: (string | Uint8Array)[], skip = 0) => {
    const out: SourceLine[] = [];
    let bytes = 0;
    for await (const ls of streamLines(
      (async function* () {
        yield* chunks;
      })(),
      skip,
      (n) => (bytes += n),
    ))
      out.push(...ls);
    return { lines: out.map((l) => `${l.line}:${l.text}`), bytes };
  };

  it('numbers lines across chunk edges, drops the \\r of \\r\\n, and keeps a last line with no newline', async () => {
    const euro = Buffer.from('€');
    const r = await collect([
      'a\r\n{"x"',
      ':1}\n\n',
      Buffer.concat([Buffer.from('"'), euro.subarray(0, 1)]),
      Buffer.concat([euro.subarray(1), Buffer.from('"\nlast')]),
    ]);
    expect(r.lines).toEqual(['1:a', '2:{"x":1}', '3:', '4:"€"', '5:last']);
    expect(r.bytes).toBe(Buffer.byteLength('a\r\n{"x":1}\n\n"€"\nlast'));
  });

  it('skips the lines a checkpoint covers; a final newline adds no empty line', async () => {
    expect((await collect(['1\n2\n3\n'], 2)).lines).toEqual(['3:3']);
    expect((await collect([''])).lines).toEqual([]);
  });
});
