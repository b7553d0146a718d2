import { formatBytes } from '../lib/size.js';
import type { IO } from './io.js';

export interface Progress {
  update(done: number): void;
  finish(): void;
}

/**
 * Byte progress on stderr: a bar with size and rate redrawn in place on a terminal;
 * elsewhere one line at each quarter, so logs stay short and scripts' stdout stays clean.
 */
export function createProgress(io: IO, label: string, total: number, now: () => number): Progress {
  const started = now();
  let lastDraw = Number.NEGATIVE_INFINITY;
  let nextMilestone = 25;
  let finished = false;
  const rate = (done: number) => {
    const seconds = (now() - started) / 1000;
    return seconds > 0 ? `${formatBytes(done / seconds)}/s` : '';
  };
  const draw = (done: number) => {
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const width = 24;
    const filled = Math.round(share * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    io.err(`\r\x1b[2K${label} ${bar} ${String(Math.floor(share * 100)).padStart(3)}% ${formatBytes(done)}/${formatBytes(total)} ${rate(done)}`);
  };
  return {
    update(done) {
      if (finished) return;
      if (io.isStderrTTY) {
        const t = now();
        if (t - lastDraw >= 100 || done >= total) {
          lastDraw = t;
          draw(done);
        }
        return;
      }
      const pct = total > 0 ? (done / total) * 100 : 100;
      if (pct < nextMilestone) return;
      // One line for the highest quarter reached: a fast upload prints just "100%".
      const reached = Math.min(100, Math.floor(pct / 25) * 25);
      io.info(`${label}: ${reached}% (${formatBytes(Math.min(done, total))} of ${formatBytes(total)}${reached === 100 ? `, ${rate(done)}` : ''})`);
      nextMilestone = reached + 25;
    },
    finish() {
      if (finished) return;
      finished = true;
      if (io.isStderrTTY) io.err('\r\x1b[2K');
    },
  };
}
