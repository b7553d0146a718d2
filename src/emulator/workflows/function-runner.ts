/*
 * How the engine runs an app's function: through a runner, so that the engine does not care what runs the
 * code (the Deno runtime, or a test's fake). The runner hands `payload` to the function exactly as Slack's
 * hosted runtime receives it (runtime contract §4.2) and resolves when the function's process is done with
 * it. The function ends its execution itself, by calling functions.completeSuccess/Error with the payload's
 * token over HTTP (§4.4); the runner's result says how the process went and what it printed:
 *
 * - `returned`: the handler returned. If it completed the execution, the engine carries on; if not (the
 *   handler returned `{completed: false}` and will complete later from an interactivity handler) the
 *   execution stays running until a complete* call comes, for at most the engine's completion limit.
 * - `threw`, `crashed`, `deno_missing`: the function failed with `error` (the first line of the exception,
 *   or why the process could not run), unless it had completed before that.
 * - `timed_out`: the function ran past its time; it fails with `event_dispatch_failed`, as on Slack.
 *
 * `output` is what the function wrote to stdout and stderr and was not taken while it ran; the engine logs it as
 * `function_execution_output` before the function's result (§4.7, §6.4 item 6). A runner that can also hand
 * over output while the function runs (`takeOutput`) lets the engine log what was printed before each datastore
 * call ahead of that call's entry, in the order of §6.6.
 */
export interface FunctionRunResult {
  outcome: 'returned' | 'threw' | 'timed_out' | 'crashed' | 'deno_missing';
  error?: string;
  output: string;
  durationMs: number;
}

export interface FunctionRunner {
  run(r: {
    appId: string;
    callbackId: string;
    functionExecutionId: string;
    payload: { body: unknown; context: { bot_access_token: string; team_id: string; variables: Record<string, string> } };
  }): Promise<FunctionRunResult>;
  /**
   * What the execution's function has printed since it was last asked, in whole lines (a line being written
   * waits); '' when nothing. Each byte is handed over once: here, or in the run's `output`.
   */
  takeOutput?(functionExecutionId: string): Promise<string>;
}

/** The runner of an emulator that has no function runtime: every app function fails, saying so. */
export const unavailableRunner: FunctionRunner = {
  run: () =>
    Promise.resolve({
      outcome: 'crashed',
      error: 'function_runtime_unavailable: the emulator cannot run app functions yet',
      output: '',
      durationMs: 0,
    }),
};
