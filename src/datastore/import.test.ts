import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors/api-error.js';
import { checkLine, importLines, streamLines, type ImportCommit, type SourceLine } from './import.js';

async function* source(texts: string[]): AsyncGenerator<SourceLine[]> {
  let line = 0;
  // Uneven pieces, as chunks of a file cut lines.
  for (let i = 0; i < texts.length; i += 7) yield texts.slice(i, i + 7).map((text) => ({ line: ++line, text }));
}
const lines = (n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ id: String(i + 1) }));

describe('importLines', () => {
  it('keeps at most 4 calls in flight and commits in line order even when later batches finish first', async () => {
    let inFlight = 0;
    let peak = 0;
    let call = 0;
    const commits: number[] = [];
    const r = await importLines(source(lines(250)), {
      bulkPut: async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        // Earlier calls take longer, so completions arrive out of order.
        await new Promise((res) => setTimeout(res, 20 - (call++ % 4) * 5));
        inFlight--;
      },
      commit: async (c: ImportCommit) => void commits.push(c.line),
      sleep: async () => {},
    }, { primaryKey: 'id' });
    expect(peak).toBe(4);
    expect(commits).toEqual([25, 50, 75, 100, 125, 150, 175, 200, 225, 250]);
    expect(r).toEqual({ stored: 250, failed: 0, skipped: 0, line: 250 });
  });

  it('a rate limit halves the window and backs off before resending, at least as long as Retry-After', async () => {
    let calls = 0;
    let inFlight = 0;
    const peaks: number[] = [];
    const sleeps: number[] = [];
    const r = await importLines(source(lines(1000)), {
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
    }, { primaryKey: 'id' });
    expect(sleeps).toEqual([500, 3000]);
    expect(Math.max(...peaks.slice(6, 14))).toBeLessThan(4);
    expect(r.stored).toBe(1000);
  });

  it('a 429 the transport rode out still halves the window: the pace was too high', async () => {
    let calls = 0;
    let inFlight = 0;
    const peaks: number[] = [];
    const r = await importLines(source(lines(1000)), {
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
    }, { primaryKey: 'id' });
    // Calls started before the 429 finish; the next ones keep to the halved window, then it grows back.
    expect(peaks.slice(0, 4)).toEqual([1, 2, 3, 4]);
    expect(Math.max(...peaks.slice(7, 13))).toBe(2);
    expect(Math.max(...peaks.slice(-20))).toBe(4);
    expect(r.stored).toBe(1000);
  });

  it('an error that is no partial failure stops the run; nothing after the failed batch commits', async () => {
    const commits: number[] = [];
    let n = 0;
    const run = importLines(source(lines(100)), {
      bulkPut: async () => {
        if (++n === 2) throw new ApiError({ method: 'apps.datastore.bulkPut', error: 'internal_error' });
      },
      commit: async (c: ImportCommit) => void commits.push(c.line),
      sleep: async () => {},
    }, { primaryKey: 'id', concurrency: 1 });
    await expect(run).rejects.toMatchObject({ slackError: 'internal_error' });
    expect(commits).toEqual([25]);
  });

  it('after a failure the calls in flight finish and commit before the error comes back', async () => {
    const commits: number[] = [];
    let n = 0;
    const run = importLines(source(lines(500)), {
      bulkPut: async () => {
        const call = ++n;
        await new Promise((res) => setTimeout(res, call === 1 ? 30 : 1));
        if (call === 2) throw new ApiError({ method: 'apps.datastore.bulkPut', error: 'internal_error' });
      },
      commit: async (c: ImportCommit) => void commits.push(c.line),
      sleep: async () => {},
    }, { primaryKey: 'id' });
    await expect(run).rejects.toMatchObject({ slackError: 'internal_error' });
    expect(commits).toEqual([25]);
  });
});

describe('checkLine', () => {
  it('says why a line cannot be sent', () => {
    expect(checkLine('{"id":"a"}', 'id')).toEqual({ id: 'a' });
    expect(checkLine('{', 'id')).toBe('not valid JSON');
    expect(checkLine('"x"', 'id')).toBe('not a JSON object');
    expect(checkLine('{"id":1}', 'id')).toBe('no primary key "id" (a non-empty string)');
  });
});

describe('streamLines', () => {
  const collect = async (chunks: (string | Uint8Array)[], skip = 0) => {
    const out: SourceLine[] = [];
    let bytes = 0;
    for await (const ls of streamLines((async function* () { yield* chunks; })(), skip, (n) => (bytes += n))) out.push(...ls);
    return { lines: out.map((l) => `${l.line}:${l.text}`), bytes };
  };

  it('numbers lines across chunk edges, drops the \\r of \\r\\n, and keeps a last line with no newline', async () => {
    const euro = Buffer.from('€');
    const r = await collect(['a\r\n{"x"', ':1}\n\n', Buffer.concat([Buffer.from('"'), euro.subarray(0, 1)]), Buffer.concat([euro.subarray(1), Buffer.from('"\nlast')])]);
    expect(r.lines).toEqual(['1:a', '2:{"x":1}', '3:', '4:"€"', '5:last']);
    expect(r.bytes).toBe(Buffer.byteLength('a\r\n{"x":1}\n\n"€"\nlast'));
  });

  it('skips the lines a checkpoint covers; a final newline adds no empty line', async () => {
    expect((await collect(['1\n2\n3\n'], 2)).lines).toEqual(['3:3']);
    expect((await collect([''])).lines).toEqual([]);
  });
});
