import type { IO } from './io.js';

export interface CountProgress {
  /** `share`: the fraction of the work done, when known; it adds an ETA. */
  update(done: number, share?: number): void;
  finish(done: number): void;
}

/**
 * Item-count progress on stderr, for work whose total is unknown: one line each time the
 * count passes a multiple of `every`, so logs stay short and stdout stays clean.
 */
export function createCountProgress(io: IO, label: string, now: () => number, every = 1000): CountProgress {
  const started = now();
  let next = every;
  const rate = (done: number) => {
    const seconds = (now() - started) / 1000;
    return seconds > 0 ? `, ${Math.round(done / seconds)} items/s` : '';
  };
  const eta = (share: number | undefined) => {
    const seconds = (now() - started) / 1000;
    if (share === undefined || share <= 0 || share >= 1 || seconds <= 0) return '';
    return `, about ${Math.ceil((seconds * (1 - share)) / share)} s left`;
  };
  return {
    update(done, share) {
      if (done < next) return;
      io.info(`${label}: ${done} items${rate(done)}${eta(share)}`);
      next = (Math.floor(done / every) + 1) * every;
    },
    finish(done) {
      io.info(`${label}: ${done} ${done === 1 ? 'item' : 'items'} in all${rate(done)}`);
    },
  };
}
