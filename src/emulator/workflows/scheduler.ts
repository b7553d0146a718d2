import { validateSchedule, type Schedule } from '../../lib/schedule/index.js';
import type { EmulatorDeps } from '../deps.js';
import { scheduledTriggers, type TriggerRow } from '../triggers/index.js';
import { dueOccurrences, nextOccurrence } from './due-occurrences.js';

/** The longest one sleep lasts: timers cannot wait past 2^31 ms, and a wake-up that finds nothing due costs nothing. */
const MAX_SLEEP_MS = 24 * 3_600_000;

export interface SchedulerOptions {
  /** Waits by the emulator's clock (rosi's Clock.sleep); rejects when the signal aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Starts the trigger's workflow for the occurrence at `occurrenceAt` (Unix ms). */
  start(trigger: TriggerRow, occurrenceAt: number): void;
  /** The most occurrences of one trigger one look fires (the latest of those due); the rest are skipped. */
  maxPerTrigger: number;
  onError?: ((message: string, error: unknown) => void) | undefined;
}

/**
 * Fires scheduled triggers by the emulator's clock, as Slack's scheduler does (runtime contract §6.2 item 2).
 * Each occurrence fires once: a row keyed by trigger and occurrence in the store is its take, and a trigger's
 * latest row is where its schedule resumes (so a restart neither repeats one nor fires one the trigger had
 * before an update). Between looks it sleeps until the next occurrence; a moved clock or a changed trigger
 * wakes it early.
 */
export class Scheduler {
  private readonly stop = new AbortController();
  private wake = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(
    private readonly deps: EmulatorDeps,
    private readonly o: SchedulerOptions,
  ) {}

  /**
   * Starts the timer. Occurrences that came while the emulator was stopped fire once: the latest of them
   * per trigger, not every one (the developer learns the schedule ran; a stopped night does not pile up).
   */
  start(): void {
    if (this.loop) return;
    this.look(1);
    this.loop = this.run();
  }

  /** The clock moved (POST /__emulator/clock): every occurrence passed over fires now, in order, up to the cap. */
  clockMoved(): void {
    if (!this.loop || this.stop.signal.aborted) return;
    this.look(this.o.maxPerTrigger);
    this.wake.abort();
  }

  /** A trigger changed: the next occurrence may be earlier (or gone). */
  schedulesChanged(): void {
    this.wake.abort();
  }

  async close(): Promise<void> {
    this.stop.abort();
    this.wake.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stop.signal.aborted) {
      this.wake = new AbortController();
      const next = this.nextDue();
      const signal = this.wake.signal;
      if (next === undefined) {
        // Nothing to wait for: no timer at all until a trigger changes.
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      } else {
        const ms = Math.min(Math.max(1, next - this.deps.now()), MAX_SLEEP_MS);
        await this.o.sleep(ms, signal).catch(() => undefined);
      }
      if (!this.stop.signal.aborted) this.look(this.o.maxPerTrigger);
    }
  }

  /** Fires what is due of every scheduled trigger, at most `keep` occurrences each (the latest). */
  private look(keep: number): void {
    try {
      const now = this.deps.now();
      for (const { trigger, schedule, after } of this.schedules()) {
        for (const at of dueOccurrences(schedule, after, now, keep)) {
          if (this.deps.store.workflows.fireOccurrence(trigger.id, at, now)) this.o.start(trigger, at);
        }
      }
    } catch (e) {
      this.o.onError?.(`Scheduled triggers could not fire: ${e instanceof Error ? e.message : String(e)}`, e);
    }
  }

  private nextDue(): number | undefined {
    let next: number | undefined;
    try {
      for (const { schedule, after } of this.schedules()) {
        const at = nextOccurrence(schedule, after);
        if (at !== undefined && (next === undefined || at < next)) next = at;
      }
    } catch (e) {
      this.o.onError?.(`Scheduled triggers could not be read: ${e instanceof Error ? e.message : String(e)}`, e);
    }
    return next;
  }

  /** Each scheduled trigger with its schedule and the instant its next occurrence comes strictly after (scheduleOf). */
  private *schedules(): Generator<{ trigger: TriggerRow; schedule: Schedule; after: number }> {
    for (const trigger of scheduledTriggers(this.deps)) {
      const resumes = scheduleOf(this.deps, trigger);
      if (resumes) yield { trigger, ...resumes };
    }
  }
}

/**
 * A scheduled trigger's schedule and the instant its next occurrence comes strictly after: the latest one
 * fired, and never before the trigger's last change (an update reschedules from then on; a new trigger's
 * start_time may be now, hence the millisecond before). Undefined for a schedule that does not validate.
 */
function scheduleOf(deps: Pick<EmulatorDeps, 'store'>, trigger: TriggerRow): { schedule: Schedule; after: number } | undefined {
  const checked = validateSchedule(trigger.definition.schedule);
  if (!('schedule' in checked)) return undefined;
  const fired = deps.store.workflows.lastFiredOccurrence(trigger.id) ?? Number.NEGATIVE_INFINITY;
  return { schedule: checked.schedule, after: Math.max(fired, trigger.updated_at - 1) };
}

/**
 * When the scheduler fires the trigger next, by the emulator's clock: its next occurrence not yet fired and not
 * before now (one that is due and not yet fired fires at the scheduler's next look). Undefined when the schedule
 * has no more runs, or for a trigger that is not scheduled.
 */
export function nextScheduledRun(deps: Pick<EmulatorDeps, 'store' | 'now'>, trigger: TriggerRow): number | undefined {
  if (trigger.type !== 'scheduled') return undefined;
  const resumes = scheduleOf(deps, trigger);
  return resumes && nextOccurrence(resumes.schedule, Math.max(resumes.after, deps.now() - 1));
}
