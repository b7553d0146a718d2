/** Time as the code sees it: injected, so tests step it by hand instead of waiting. */
export interface Clock {
  now(): Date;
  /** Resolves after ms, or rejects with the signal's reason when it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
