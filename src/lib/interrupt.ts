/** The signals that interrupt a run (main.ts listens for them). */
export type InterruptSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

/**
 * The reason `ctx.signal` aborts with when a signal interrupts rosi: which signal it was, so a
 * command that runs another program (`rosi emulator exec`) can pass the same one on.
 */
export class Interrupt extends Error {
  constructor(readonly signal: InterruptSignal) {
    super('interrupted');
    this.name = 'Interrupt';
  }
}

/** The signal behind an abort: SIGINT when the reason does not say (an abort rosi made itself, a test's). */
export function interruptSignal(reason: unknown): InterruptSignal {
  return reason instanceof Interrupt ? reason.signal : 'SIGINT';
}
