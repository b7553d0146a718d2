import type { IO } from './io.js';

export interface ItemProgress {
  /** `done`: items so far, earlier runs included; `share`: the fraction of the input read, when known. */
  update(done: number, share?: number): void;
  finish(done: number): void;
}

/** Seconds between lines at most when nothing else prints one: a long run still shows it is alive. */
const EVERY_MS = 10_000;

/**
 * Item-count progress on stderr. On a terminal one line redrawn in place; elsewhere, as
 * deploy does, a line at each quarter of the input (when its size is known) and otherwise
 * a line after 10 s without one, so a log holds a handful of lines however large the
 * input. Rates count only this run's items: `base` were done by an earlier run.
 */
export function createItemProgress(io: IO, label: string, now: () => number, base = 0, startShare = 0): ItemProgress {
  const started = now();
  let lastLine = started;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let nextQuarter = (Math.floor(startShare * 4) + 1) * 25;
  let drawn = false;
  const rate = (done: number) => {
    const seconds = (now() - started) / 1000;
    return seconds > 0 ? `, ${Math.round((done - base) / seconds)} items/s` : '';
  };
  const eta = (share: number | undefined) => {
    const seconds = (now() - started) / 1000;
    const part = share === undefined ? 0 : (share - startShare) / (1 - startShare);
    if (share === undefined || part <= 0 || share >= 1 || seconds <= 0) return '';
    return `, about ${Math.ceil((seconds * (1 - part)) / part)} s left`;
  };
  const text = (done: number, share: number | undefined, pct?: number) =>
    `${label}: ${pct === undefined ? '' : `${pct}%, `}${done} items${rate(done)}${eta(share)}`;
  return {
    update(done, share) {
      const t = now();
      if (io.isStderrTTY) {
        if (t - lastDraw < 100) return;
        lastDraw = t;
        drawn = true;
        io.err(`\r\x1b[2K${text(done, share, share === undefined ? undefined : Math.floor(share * 100))}`);
        return;
      }
      const pct = share === undefined ? 0 : share * 100;
      if (pct >= nextQuarter && pct < 100) {
        // One line for the highest quarter reached.
        const reached = Math.floor(pct / 25) * 25;
        nextQuarter = reached + 25;
        lastLine = t;
        io.info(text(done, share, reached));
      } else if (t - lastLine >= EVERY_MS) {
        lastLine = t;
        io.info(text(done, share, share === undefined ? undefined : Math.floor(pct)));
      }
    },
    finish(done) {
      if (drawn) io.err('\r\x1b[2K');
      io.info(`${label}: ${done} ${done === 1 ? 'item' : 'items'} in all${rate(done)}`);
    },
  };
}
