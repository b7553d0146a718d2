import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors/api-error.js';
import { chunk, runBulk } from './bulk.js';

describe('runBulk', () => {
  it('chunks by 25', () => {
    expect(chunk(Array.from({ length: 51 }, (_, i) => i)).map((c) => c.length)).toEqual([25, 25, 1]);
  });

  it('gathers items and partial failures across chunks', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => String(i));
    const progress: number[] = [];
    const r = await runBulk(
      ids,
      async (batch) => {
        if (batch.length === 5)
          throw new ApiError({
            method: 'apps.datastore.bulkGet',
            error: 'partial_failure',
            body: { ok: false, error: 'partial_failure', failed_items: ['29'] },
          });
        return { datastore: 'tasks', items: batch.map((id) => ({ id })) };
      },
      (p) => progress.push(p.done),
    );
    expect(r.items).toHaveLength(25);
    expect(r.failed).toEqual(['29']);
    expect(r.calls).toBe(2);
    expect(r.datastore).toBe('tasks');
    expect(progress).toEqual([25, 30]);
  });

  it('an error without failed_items stops the run', async () => {
    const err = new ApiError({ method: 'apps.datastore.bulkPut', error: 'datastore_error', body: { ok: false, error: 'datastore_error' } });
    await expect(runBulk([1, 2], async () => Promise.reject(err))).rejects.toBe(err);
  });
});
