import { describe, expect, it } from 'vitest';
import { ApiError } from '../../errors/api-error.js';
import type { Item } from '../expression.js';
import { BatchBuilder } from './batch.js';
import { BatchSender, type SendSteps } from './batch-sender.js';

const batchOf = (...ids: string[]) => {
  const bs = new BatchBuilder('id', 1e6);
  ids.forEach((id, i) => bs.add(i + 1, { item: { id }, bytes: 10 }));
  return bs.take(ids.length, 0);
};
const pace = () => {
  const seen: string[] = [];
  return { seen, rateLimited: () => void seen.push('429'), succeeded: () => void seen.push('ok') };
};
const error = (error: string, more: Partial<ConstructorParameters<typeof ApiError>[0]> = {}) =>
  new ApiError({ method: 'apps.datastore.bulkPut', error, ...more });

describe('BatchSender', () => {
  it('resends what Slack returned in failed_items, backing off, and fails it after the last attempt', async () => {
    const calls: string[][] = [];
    const sleeps: number[] = [];
    const steps: SendSteps = {
      bulkPut: async (items: Item[]) => {
        calls.push(items.map((i) => i.id as string));
        throw error('partial_failure', { body: { ok: false, error: 'partial_failure', failed_items: [{ id: 'b' }] } });
      },
      sleep: async (ms) => void sleeps.push(ms),
    };
    const b = batchOf('a', 'b');
    await new BatchSender(steps, pace(), { primaryKey: 'id', retries: 2, backoffMs: 100 }).send(b, b.entries);
    expect(calls).toEqual([['a', 'b'], ['b'], ['b']]);
    expect(sleeps).toEqual([100, 200]);
    expect(b.stored).toBe(1);
    expect(b.failures).toEqual([{ line: 2, reason: 'not stored after 3 attempts (failed_items)', item: { id: 'b' } }]);
  });

  it('tells the pace of each success and each rate limit, and gives up on a rate limit after the retries', async () => {
    const p = pace();
    let n = 0;
    const steps: SendSteps = {
      bulkPut: async (_items, onRateLimited) => {
        if (++n === 1) return onRateLimited();
        throw error('ratelimited', { status: 429, retryAfter: 2 });
      },
      sleep: async () => {},
    };
    const sender = new BatchSender(steps, p, { primaryKey: 'id', retries: 1, backoffMs: 100 });
    const b = batchOf('a');
    await sender.send(b, b.entries);
    expect(p.seen).toEqual(['429', 'ok']);
    await expect(sender.send(b, b.entries)).rejects.toMatchObject({ slackError: 'ratelimited' });
    expect(p.seen).toEqual(['429', 'ok', '429']);
  });
});
