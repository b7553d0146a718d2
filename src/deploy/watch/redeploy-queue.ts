import type { Clock } from '../../lib/clock.js';

/** How long the project must stay quiet after a change before it is redeployed: a burst of saves is one redeploy. */
export const DEBOUNCE_MS = 200;

export interface RedeployQueueOptions {
  clock: Clock;
  /** Stops the queue: the deploy under way (if any) is awaited, queued changes are dropped. */
  signal: AbortSignal;
  debounceMs?: number;
  /**
   * Rebuilds and redeploys for `changed` (paths in the order they first changed). It reports its own
   * failures; whatever it throws is handed to `onError` and the queue carries on.
   */
  redeploy: (changed: string[]) => Promise<void>;
  onError: (e: unknown) => void;
}

export interface RedeployQueue {
  /** `path` changed: a redeploy follows once the project has been quiet for the debounce time. */
  changed(path: string): void;
  /** Resolves once the signal has aborted and no redeploy is running. */
  readonly stopped: Promise<void>;
}

/**
 * One redeploy at a time: changes during a deploy are gathered and lead to exactly one more
 * after it, once things are quiet again. Time is the injected clock's, so tests move it by hand.
 */
export function createRedeployQueue(o: RedeployQueueOptions): RedeployQueue {
  const debounce = o.debounceMs ?? DEBOUNCE_MS;
  // A Set keeps the first-change order and holds each path once, however often it is saved.
  let pending = new Set<string>();
  let lastChange = 0;
  let wake: (() => void) | undefined;
  // One listener for the queue's whole life: a listener per wait would pile up over a long session.
  o.signal.addEventListener('abort', () => wake?.(), { once: true });

  const now = () => o.clock.now().getTime();
  const changes = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
    }).finally(() => {
      wake = undefined;
    });

  async function quiet(): Promise<void> {
    for (let idle = now() - lastChange; idle < debounce; idle = now() - lastChange) await o.clock.sleep(debounce - idle, o.signal);
  }

  async function loop(): Promise<void> {
    while (!o.signal.aborted) {
      if (pending.size === 0) {
        await changes();
        continue;
      }
      try {
        await quiet();
      } catch {
        // Only an abort ends a sleep early.
        return;
      }
      const batch = [...pending];
      pending = new Set();
      try {
        await o.redeploy(batch);
      } catch (e) {
        if (o.signal.aborted) return;
        o.onError(e);
      }
    }
  }

  return {
    changed(path) {
      if (o.signal.aborted) return;
      pending.add(path);
      lastChange = now();
      wake?.();
    },
    stopped: loop(),
  };
}
