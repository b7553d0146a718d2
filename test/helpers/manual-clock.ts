import type { Clock } from '../../src/lib/clock.js';

/** A clock that moves only when told; sleepers wake when advance() passes their time. */
export class ManualClock implements Clock {
  private ms: number;
  private sleepers: { at: number; resolve: () => void; reject: (e: unknown) => void }[] = [];
  /** Every sleep requested, in order (ms). */
  readonly sleeps: number[] = [];
  /** When true, sleep() advances the clock itself and returns at once. */
  autoAdvance: boolean;

  constructor(start: Date | string = '2026-11-28T12:00:00Z', autoAdvance = true) {
    this.ms = new Date(start).getTime();
    this.autoAdvance = autoAdvance;
  }

  now(): Date {
    return new Date(this.ms);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.autoAdvance) {
      this.ms += ms;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      this.sleepers.push({ at: this.ms + ms, resolve, reject });
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  }

  advance(ms: number): void {
    this.ms += ms;
    const due = this.sleepers.filter((s) => s.at <= this.ms);
    this.sleepers = this.sleepers.filter((s) => s.at > this.ms);
    for (const s of due) s.resolve();
  }
}
