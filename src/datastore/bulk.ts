import { ApiError } from '../errors/api-error.js';

/** Slack's documented ceiling for one bulk call; applied to all three bulk methods. */
export const BULK_LIMIT = 25;

export function chunk<T>(list: readonly T[], size = BULK_LIMIT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export interface BulkPage<F, I> {
  datastore?: string | undefined;
  items?: I[] | undefined;
  failed_items?: F[] | undefined;
}

export interface BulkResult<F, I> {
  datastore: string | undefined;
  items: I[];
  failed: F[];
  /** Calls that were answered. */
  calls: number;
}

export interface BulkProgress {
  done: number;
  total: number;
}

/**
 * Sends `input` in chunks of 25, one call after another, and gathers what each answered.
 * `ok:false` with `failed_items` is a partial success (contract §6.2): its failed items
 * are collected and the next chunk still goes out. Any other error stops the run;
 * `onProgress` has told the caller how far it got.
 */
export async function runBulk<T, F, I>(
  input: readonly T[],
  call: (batch: T[]) => Promise<BulkPage<F, I>>,
  onProgress?: (p: BulkProgress) => void,
): Promise<BulkResult<F, I>> {
  const result: BulkResult<F, I> = { datastore: undefined, items: [], failed: [], calls: 0 };
  let done = 0;
  for (const batch of chunk(input)) {
    let page: BulkPage<F, I>;
    try {
      page = await call(batch);
    } catch (e) {
      const partial = partialFailure<F, I>(e);
      if (!partial) throw e;
      page = partial;
    }
    result.calls++;
    result.datastore ??= page.datastore;
    result.items.push(...(page.items ?? []));
    result.failed.push(...(page.failed_items ?? []));
    done += batch.length;
    onProgress?.({ done, total: input.length });
  }
  return result;
}

/** The body of an `ok:false` answer that is really a partial success, if it is one. */
export function partialFailure<F, I>(e: unknown): BulkPage<F, I> | undefined {
  if (!(e instanceof ApiError)) return undefined;
  const body = e.body as BulkPage<F, I> | undefined;
  if (!body || !Array.isArray(body.failed_items) || body.failed_items.length === 0) return undefined;
  return body;
}
