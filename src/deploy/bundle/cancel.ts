import { CancelledError } from '../../errors/cli-error.js';

/**
 * Runs `work`, and turns whatever it throws once `signal` has aborted (a DOMException
 * `AbortError`, an esbuild cancellation, a closed stream) into one CancelledError, so the
 * command exits 130 however deep the abort landed.
 */
export async function cancellable<T>(signal: AbortSignal | undefined, what: string, work: () => Promise<T>): Promise<T> {
  try {
    signal?.throwIfAborted();
    return await work();
  } catch (e) {
    if (signal?.aborted && !(e instanceof CancelledError)) throw new CancelledError(what, { cause: e });
    throw e;
  }
}
