import { ApiError } from '../../errors/api-error.js';
import { isObject } from '../../lib/is-object.js';
import { partialFailure } from '../bulk.js';
import type { Item } from '../expression.js';
import { failEntry, type Batch, type Entry } from './batch.js';

export interface SendSteps {
  /** One `apps.datastore.bulkPut` call; rejects with ApiError on ok:false. */
  bulkPut: (items: Item[], onRateLimited: () => void) => Promise<unknown>;
  sleep: (ms: number) => Promise<void>;
}

/** What the sender tells of the pace Slack takes (the SendWindow listens). */
export interface Pace {
  /** Slack answered 429: handed to every call, to be called even if a resend then succeeds. */
  readonly rateLimited: () => void;
  succeeded(): void;
}

export interface SendOptions {
  primaryKey: string;
  /** Resends of items Slack returned in failed_items (and of calls rate-limited) before giving up. */
  retries: number;
  backoffMs: number;
}

/**
 * Sends a batch's entries until each is stored or has failed, adding to the batch's `stored`
 * and `failures`: resends what Slack returned in failed_items, drops the items it rejected,
 * halves a call too large for the host, and backs off when rate-limited. Any other error rejects.
 */
export class BatchSender {
  constructor(
    private readonly steps: SendSteps,
    private readonly pace: Pace,
    private readonly o: SendOptions,
  ) {}

  async send(b: Batch, entries: Entry[]): Promise<void> {
    const { retries, backoffMs: backoff } = this.o;
    let todo = entries;
    for (let attempt = 0; todo.length > 0; ) {
      let failedItems: unknown[] = [];
      try {
        await this.steps.bulkPut(
          todo.map((e) => e.item),
          this.pace.rateLimited,
        );
        this.pace.succeeded();
      } catch (e) {
        const partial = partialFailure<unknown, never>(e);
        const rejected = partial ? undefined : rejectedItems(e, todo.length);
        if (partial) failedItems = partial.failed_items ?? [];
        else if (rejected) {
          // Slack wrote nothing: drop the items it named and resend the rest.
          for (const [i, reason] of rejected) failEntry(b, todo[i] as Entry, reason);
          todo = todo.filter((_, i) => !rejected.has(i));
          continue;
        } else if (tooLarge(e)) {
          // A host that takes less than MAX_BATCH_BYTES: halve until it fits, or the one item is the problem.
          if (todo.length === 1)
            failEntry(b, todo[0] as Entry, `request_too_large: the item alone is more than ${e instanceof ApiError ? e.method : 'the API'} accepts`);
          else {
            const half = Math.ceil(todo.length / 2);
            await this.send(b, todo.slice(0, half));
            await this.send(b, todo.slice(half));
          }
          return;
        } else if (e instanceof ApiError && e.slackError === 'ratelimited' && attempt < retries) {
          this.pace.rateLimited();
          // The transport has already waited out Retry-After and given up: wait at least as long again.
          await this.steps.sleep(Math.max(backoff * 2 ** attempt++, (e.retryAfter ?? 0) * 1000));
          continue;
        } else throw e;
      }
      const primaryKey = this.o.primaryKey;
      const failedKeys = new Set(failedItems.map((f) => (isObject(f) ? f[primaryKey] : f)));
      const again: Entry[] = [];
      for (const en of todo) {
        if (failedKeys.has(en.key)) again.push(en);
        else b.stored += 1 + (en.earlier?.length ?? 0);
      }
      todo = again;
      if (todo.length === 0) break;
      if (attempt >= retries) {
        for (const en of todo) failEntry(b, en, `not stored after ${retries + 1} attempts (failed_items)`);
        break;
      }
      await this.steps.sleep(backoff * 2 ** attempt++);
    }
  }
}

const tooLarge = (e: unknown) => e instanceof ApiError && (e.slackError === 'request_too_large' || e.status === 413);

/** `datastore_error` details that point at items of the call (`/items/3`), by index. */
function rejectedItems(e: unknown, size: number): Map<number, string> | undefined {
  if (!(e instanceof ApiError) || !isObject(e.body) || !Array.isArray(e.body.errors)) return undefined;
  const out = new Map<number, string>();
  for (const d of e.body.errors) {
    if (!isObject(d) || typeof d.pointer !== 'string') continue;
    const m = /^\/items\/(\d+)/.exec(d.pointer);
    const i = m ? Number(m[1]) : NaN;
    if (!(i < size)) continue;
    const reason = [d.code, d.message].filter((x) => typeof x === 'string').join(': ');
    out.set(i, out.has(i) ? `${out.get(i)}; ${reason}` : reason || e.slackError);
  }
  return out.size > 0 ? out : undefined;
}
