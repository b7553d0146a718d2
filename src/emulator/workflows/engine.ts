import { isObject } from '../../lib/is-object.js';
import { resolveTemplates } from '../../lib/trigger-rules/templates.js';
import type { AppRow } from '../apps/index.js';
import { mintExecutionToken, revokeExecutionToken } from '../auth/index.js';
import type { EmulatorDeps, EventOutcome, FireOutcome, PlatformEvent, RecordedTrip, WorkflowHooks } from '../deps.js';
import { newFunctionExecutionId, newTraceId, newWorkflowExecutionId } from '../ids.js';
import { allPendingTrips, findTrigger, type TriggerRow } from '../triggers/index.js';
import { stepsOf, stepTarget, workflowDefinition, type Step } from './app-manifest.js';
import { runBuiltin } from './builtins.js';
import { ClockWaits } from './clock-wait.js';
import { EventDispatcher } from './events.js';
import { endInterrupted } from './interrupted.js';
import { ExecutionLog, functionEntry, outputEntry, workflowEntry } from './execution-log.js';
import type { FunctionRunner, FunctionRunResult } from './function-runner.js';
import { invocationPayload, type AppFunction } from './invocation.js';
import { parameterErrors, parameterSpecs } from './parameters.js';
import { Scheduler } from './scheduler.js';
import { resolveStepInputs, type StepScope } from './step-templates.js';
import { logTriggerRefusal, triggerPayload, workflowOfTrigger } from './trigger-entries.js';
import type { FunctionExecutionRow } from './workflows-store.js';

/** What the engine runs with, besides the emulator's deps. */
export interface EngineOptions {
  runner: FunctionRunner;
  /** Waits by the emulator's clock (rosi's Clock.sleep). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** How long a function that returned without completing may take to call functions.complete*. */
  completionLimitMs: number;
  /** The longest a `delay` step waits, whatever it asks for. */
  delayCapMs: number;
  /** Unexpected failures inside a run (the run is marked failed; the operator gets the reason). */
  onError?: ((message: string, error: unknown) => void) | undefined;
  /** Scheduled triggers fire by the emulator's clock, at most this many occurrences per trigger per look; off when left out. */
  schedules?: { maxPerTrigger: number } | undefined;
}

export type StartOutcome =
  | { ok: true; workflow_execution_id: string; trace_id: string }
  | { ok: false; error: 'workflow_not_found' | 'parameter_validation_failed'; errors: string[] };

interface Run {
  deps: EmulatorDeps;
  app: AppRow;
  trigger: TriggerRow;
  log: ExecutionLog;
  workflowExecutionId: string;
  actor: string;
}

/** Thrown inside a run once the emulator closes: the run stops writing. */
class Closed extends Error {}

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';

/**
 * The workflow engine (runtime contract §6.3–6.6): starts a trigger's workflow, runs its steps strictly in
 * order, each as a function execution with its own token, and writes the activity entries Slack writes.
 * App functions run through the injected runner; the execution ends when the function calls
 * functions.complete* (which rings `functionEnded`), or when the runner says it failed.
 */
export class WorkflowEngine implements WorkflowHooks {
  private readonly waiters = new Map<string, () => void>();
  /** Logs what each running app function printed since the last time: flushOutput's, by function execution ID. */
  private readonly outputFlushes = new Map<string, () => Promise<void>>();
  private readonly inFlight = new Set<Promise<void>>();
  private stop = new AbortController();
  private readonly scheduler: Scheduler | undefined;
  private readonly clockWaits: ClockWaits;
  private readonly events: EventDispatcher;
  /** How many events in a row led to each running execution started by one (the loop guard's count). */
  private readonly chains = new Map<string, number>();
  private readonly stopListening: () => void;

  constructor(
    private readonly deps: EmulatorDeps,
    private readonly o: EngineOptions,
  ) {
    this.clockWaits = new ClockWaits(
      () => deps.now(),
      (ms, signal) => o.sleep(ms, signal),
    );
    this.scheduler =
      o.schedules &&
      new Scheduler(deps, {
        sleep: (ms, signal) => o.sleep(ms, signal),
        start: (trigger, occurrenceAt) => this.fireScheduled(trigger, occurrenceAt),
        maxPerTrigger: o.schedules.maxPerTrigger,
        onError: o.onError,
      });
    this.events = new EventDispatcher(deps, {
      start: (trigger, data, at, chain) => this.startWorkflow({ trigger, data, trippedAt: at, chain }),
      chainOf: (workflowExecutionId) => this.chains.get(workflowExecutionId) ?? 0,
      later: (task) => {
        const next = new Promise((resolve) => setImmediate(resolve));
        // Checked again when the task's turn comes: the emulator may have begun closing meanwhile.
        this.track(next.then(async () => void (this.stop.signal.aborted ? undefined : await task())));
      },
    });
    this.stopListening = deps.store.messages.onPosted((message) => this.events.messagePosted(message));
  }

  postEvent(event: PlatformEvent): Promise<EventOutcome> {
    return this.events.post(event);
  }

  tripRecorded(trip: RecordedTrip): void {
    this.takeTrip(trip);
  }

  functionEnded(functionExecutionId: string): void {
    this.waiters.get(functionExecutionId)?.();
  }

  async flushOutput(functionExecutionId: string): Promise<void> {
    await this.outputFlushes.get(functionExecutionId)?.();
  }

  async fire(triggerId: string, data: Record<string, unknown>): Promise<FireOutcome> {
    const trigger = findTrigger(this.deps, triggerId);
    if (!trigger) return { ok: false, error: 'trigger_not_found', errors: [] };
    return this.startWorkflow({ trigger, data });
  }

  /** Starts firing scheduled triggers by the emulator's clock (when the engine was made with `schedules`). */
  startSchedules(): void {
    this.scheduler?.start();
  }

  schedulesChanged(): void {
    this.scheduler?.schedulesChanged();
  }

  clockMoved(): void {
    this.clockWaits.clockMoved();
    this.scheduler?.clockMoved();
  }

  /** Ends the executions a stopped emulator left running (interrupted.ts). */
  endInterrupted(): void {
    endInterrupted(this.deps);
  }

  /** Takes every trip still pending (left by a stop before the engine took them), once each. */
  takePendingTrips(): void {
    for (const trip of allPendingTrips(this.deps)) if (!this.deps.store.workflows.isTaken(trip.id)) this.takeTrip(trip);
  }

  /** Resolves once every run in flight has ended. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Ends every run in flight where it is, without writing more, then takes new ones again: replacing the whole
   * state (a snapshot load, a reset) needs it first, so that no run of the old state writes into the new one.
   * A function running in Deno is waited for (at most its time limit); its calls back then find its token gone.
   */
  async interruptRuns(): Promise<void> {
    this.stop.abort(new Closed('the emulator state was replaced'));
    for (const wake of this.waiters.values()) wake();
    await this.idle();
    this.chains.clear();
    this.stop = new AbortController();
    this.scheduler?.schedulesChanged();
  }

  /** Stops waiting: runs in flight end where they are, without writing more. */
  async close(): Promise<void> {
    this.stopListening();
    await this.scheduler?.close();
    this.stop.abort(new Closed('the emulator is closing'));
    for (const wake of this.waiters.values()) wake();
    await this.idle();
  }

  private takeTrip(trip: RecordedTrip): void {
    // The take is a row with the trip's ID as its key: a trip runs once, whoever sees it first.
    if (this.stop.signal.aborted || !this.deps.store.workflows.takeTrip(trip.id, this.deps.now())) return;
    const trigger = findTrigger(this.deps, trip.trigger_id);
    if (!trigger) return;
    this.track(this.startWorkflow({ trigger, data: trip.data, tripId: trip.id, trippedAt: trip.tripped_at }).then(() => undefined));
  }

  /** A scheduled trigger's trip: its data is who created it (runtime contract §1.5), its time the occurrence's. */
  private fireScheduled(trigger: TriggerRow, occurrenceAt: number): void {
    if (this.stop.signal.aborted) return;
    this.track(this.startWorkflow({ trigger, data: { user_id: trigger.created_by }, trippedAt: occurrenceAt }).then(() => undefined));
  }

  private track(p: Promise<void>): void {
    const tracked = p.catch((e: unknown) => {
      if (!(e instanceof Closed)) this.o.onError?.(`A workflow run failed: ${firstLine(e)}`, e);
    });
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }

  /**
   * Starts the trigger's workflow with `data` as the trip's data (runtime contract §6.2 item 3, §6.3 item 1):
   * the trigger's inputs filled from it and checked against the workflow's input parameters. A refusal is a
   * `trigger_executed` error entry and no execution. The steps then run on their own; the answer says which
   * execution (and trace) they run in.
   */
  async startWorkflow(s: { trigger: TriggerRow; data: unknown; tripId?: number; trippedAt?: number; chain?: number }): Promise<StartOutcome> {
    const { deps } = this;
    const { trigger } = s;
    const app = deps.store.apps.get(trigger.app_id);
    const { callbackId, workflow, title, ...ids } = workflowOfTrigger(trigger, app);
    const refuse = (error: 'workflow_not_found' | 'parameter_validation_failed', errors: string[]): StartOutcome => {
      logTriggerRefusal(deps, trigger, s.data, error, errors);
      return { ok: false, error, errors };
    };
    if (!app || !workflow) return refuse('workflow_not_found', [`The app's manifest has no workflow ${callbackId}`]);

    const now = deps.now();
    const trip = { data: s.data, event_timestamp: Math.floor((s.trippedAt ?? now) / 1000) };
    const inputs: Record<string, unknown> = {};
    for (const [name, input] of Object.entries(trigger.definition.inputs ?? {})) {
      const value = isObject(input) && 'value' in input ? resolveTemplates(input.value, trip) : undefined;
      if (value !== undefined) inputs[name] = value;
    }
    const manifestWorkflow = workflowDefinition(app, callbackId);
    const errors = parameterErrors(parameterSpecs(manifestWorkflow.input_parameters), inputs);
    if (errors.length > 0) return refuse('parameter_validation_failed', errors);

    const run: Run = {
      deps,
      app,
      trigger,
      log: new ExecutionLog(deps, app.id, newTraceId(), now),
      workflowExecutionId: newWorkflowExecutionId(),
      actor: actorOf(s.data) ?? trigger.created_by,
    };
    deps.store.transaction(() => {
      deps.store.workflows.insertWorkflow({
        id: run.workflowExecutionId,
        trace_id: run.log.traceId,
        app_id: app.id,
        team_id: trigger.team_id,
        trigger_id: trigger.id,
        trip_id: s.tripId ?? null,
        callback_id: callbackId,
        inputs,
        started_at: now,
      });
      run.log.write(
        workflowEntry('trigger_executed', ids.workflowId, { trigger: triggerPayload(trigger, s.data), function_name: title }),
        functionEntry('function_execution_started', ids.functionId, { function_name: title, function_type: 'workflow' }),
        workflowEntry('workflow_execution_started', ids.workflowId, { workflow_name: title, actor: run.actor }),
      );
    });
    const steps = stepsOf(manifestWorkflow.steps);
    const id = run.workflowExecutionId;
    if (s.chain) this.chains.set(id, s.chain);
    this.track(this.runSteps(run, steps, inputs, { title, ...ids }).finally(() => this.chains.delete(id)));
    return { ok: true, workflow_execution_id: run.workflowExecutionId, trace_id: run.log.traceId };
  }

  private async runSteps(
    run: Run,
    steps: Step[],
    inputs: Record<string, unknown>,
    wf: { title: string; functionId: string; workflowId: string },
  ): Promise<void> {
    const scope: StepScope = { inputs, steps: {} };
    let failed = false;
    try {
      for (const [i, step] of steps.entries()) {
        const fx = await this.runStep(run, step, i, steps.length, scope, wf.workflowId);
        if (fx.status !== 'completed') {
          failed = true;
          break;
        }
        scope.steps[step.id] = fx.outputs ?? {};
      }
    } catch (e) {
      if (e instanceof Closed) throw e;
      this.o.onError?.(`Workflow execution ${run.workflowExecutionId} failed: ${firstLine(e)}`, e);
      failed = true;
    }
    this.ensureOpen();
    // No retries, and the steps after a failed one do not run (runtime contract §3.3).
    const error = failed ? 'Function failed to execute' : undefined;
    run.deps.store.transaction(() => {
      run.deps.store.workflows.endWorkflow(run.workflowExecutionId, failed ? 'failed' : 'completed', error ?? null, run.deps.now());
      run.log.write(
        workflowEntry(
          'workflow_execution_result',
          wf.workflowId,
          { workflow_name: wf.title, exec_outcome: failed ? 'Error' : 'Success', ...(error && { error }) },
          failed,
        ),
        functionEntry('function_execution_result', wf.functionId, { function_name: wf.title, function_type: 'workflow', ...(error && { error }) }, failed),
      );
    });
  }

  /** One step: its function execution from start to end, and the entries around it. */
  private async runStep(run: Run, step: Step, index: number, total: number, scope: StepScope, workflowId: string): Promise<FunctionExecutionRow> {
    const { deps } = run;
    const target = stepTarget(run.app, step.function_id);
    const fxId = newFunctionExecutionId();
    const { values, missing } = resolveStepInputs(step.inputs, scope);
    deps.store.transaction(() => {
      deps.store.workflows.insertFunction({
        id: fxId,
        workflow_execution_id: run.workflowExecutionId,
        app_id: run.app.id,
        step_index: index,
        function_ref: step.function_id,
        inputs: values,
        started_at: deps.now(),
      });
      run.log.write(
        workflowEntry('workflow_step_started', workflowId, {
          function_id: target.id,
          total_steps: total,
          current_step: index + 1,
          function_name: target.title,
          function_execution_id: fxId,
        }),
        functionEntry('function_execution_started', target.id, { function_name: target.title, function_type: target.type }),
      );
    });

    const fail = (error: string) => deps.store.workflows.endFunction(fxId, { status: 'failed', error }, deps.now());
    if (missing.length > 0) {
      fail(`parameter_validation_failed: ${missing.map((m) => `no value for {{${m}}}`).join('; ')}`);
    } else if (target.kind === 'unknown') {
      fail(target.error);
    } else {
      const problems = parameterErrors(target.kind === 'app' ? target.fn.inputs : [], values);
      if (problems.length > 0) fail(`parameter_validation_failed: ${problems.join('; ')}`);
      else if (target.kind === 'app') await this.runAppFunction(run, target.fn, fxId, values);
      else {
        const outcome = await runBuiltin(target.name, {
          deps,
          appId: run.app.id,
          teamId: run.trigger.team_id,
          workflow: run.trigger.definition.workflow.slice('#/workflows/'.length),
          stepId: step.id,
          actor: run.actor,
          workflowExecutionId: run.workflowExecutionId,
          functionExecutionId: fxId,
          inputs: values,
          sleep: (ms) => this.o.sleep(ms, this.stop.signal),
          delayCapMs: this.o.delayCapMs,
        });
        this.ensureOpen();
        if ('error' in outcome) fail(outcome.error);
        else deps.store.workflows.endFunction(fxId, { status: 'completed', outputs: outcome.outputs }, deps.now());
      }
    }

    this.ensureOpen();
    const fx = deps.store.workflows.function(fxId) as FunctionExecutionRow;
    const ok = fx.status === 'completed';
    run.log.write(
      functionEntry(
        'function_execution_result',
        target.id,
        { function_name: target.title, function_type: target.type, ...(ok ? {} : { error: fx.error ?? fx.status }) },
        !ok,
      ),
      workflowEntry(
        'workflow_step_execution_result',
        workflowId,
        { inputs: values, function_id: target.id, exec_outcome: ok ? 'Success' : 'Error', function_name: target.title, function_execution_id: fxId },
        !ok,
      ),
    );
    return fx;
  }

  /** Runs an app function through the runner and waits for it to complete (runtime contract §6.4). */
  private async runAppFunction(run: Run, fn: AppFunction, fxId: string, inputs: Record<string, unknown>): Promise<void> {
    const { deps } = run;
    const teamId = run.trigger.team_id;
    const token = mintExecutionToken(deps, { functionExecutionId: fxId, traceId: run.log.traceId, appId: run.app.id, teamId });
    const completed = new Promise<void>((resolve) => this.waiters.set(fxId, resolve));
    const stillRunning = () => deps.store.workflows.function(fxId)?.status === 'running';
    this.outputFlushes.set(fxId, async () => {
      try {
        const log = (await this.o.runner.takeOutput?.(fxId)) ?? '';
        if (log !== '' && !this.stop.signal.aborted) run.log.write(outputEntry(fn.id, log));
      } catch (e) {
        // The call that asked goes on: its own entry is what it came for.
        this.o.onError?.(`The output of function execution ${fxId} could not be logged: ${firstLine(e)}`, e);
      }
    });
    try {
      const payload = invocationPayload(deps, {
        app: run.app,
        teamId,
        fn,
        inputs,
        functionExecutionId: fxId,
        workflowExecutionId: run.workflowExecutionId,
        token,
        actor: run.actor,
      });
      let result: FunctionRunResult;
      try {
        result = await this.o.runner.run({ appId: run.app.id, callbackId: fn.callbackId, functionExecutionId: fxId, payload });
      } catch (e) {
        result = { outcome: 'crashed', error: firstLine(e), output: '', durationMs: 0 };
      }
      this.outputFlushes.delete(fxId);
      this.ensureOpen();
      // What was not logged before one of its datastore calls (flushOutput) is logged now.
      if (result.output !== '') run.log.write(outputEntry(fn.id, result.output));
      if (result.outcome === 'timed_out') {
        // Slack's words for a function that did not finish in time (runtime contract §5.3).
        deps.store.workflows.endFunction(fxId, { status: 'timed_out', error: 'event_dispatch_failed' }, deps.now());
      } else if (result.outcome !== 'returned') {
        deps.store.workflows.endFunction(fxId, { status: 'failed', error: result.error ?? result.outcome }, deps.now());
      } else if (stillRunning()) {
        // Returned without completing ({completed: false}): a complete* call may still come, until the limit
        // has passed by the emulator's clock (a clock moved past it ends the wait, as it fires a schedule).
        await this.clockWaits.until(deps.now() + this.o.completionLimitMs, completed, this.stop.signal);
        this.ensureOpen();
        deps.store.workflows.endFunction(fxId, { status: 'timed_out', error: 'event_dispatch_failed' }, deps.now());
      }
    } finally {
      this.outputFlushes.delete(fxId);
      this.waiters.delete(fxId);
      if (!this.stop.signal.aborted) revokeExecutionToken(deps, fxId);
    }
  }

  private ensureOpen(): void {
    if (this.stop.signal.aborted) throw new Closed('the emulator is closing');
  }
}

const actorOf = (data: unknown) => (isObject(data) && typeof data.user_id === 'string' ? data.user_id : undefined);
