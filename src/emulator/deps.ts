import type { FaultInjector } from './http/faults.js';
import type { SeedTeam, SeedUser } from './defaults.js';
import type { Runtime } from './runtime/index.js';
import type { Store } from './store.js';
import type { EmulatorState } from './snapshot/emulator-state.js';

/** Failures and oddities a test asked for through the control endpoints; counted down as used. */
export interface HostingFaults {
  /** The next `remaining` S3 uploads answer `status` instead of storing anything. */
  failUploads: { remaining: number; status: number };
  /** The next this-many presigned POSTs are already expired when handed out. */
  expirePresigns: number;
}

export interface HostingSettings {
  presignTtlMs: number;
  /** The largest object a presigned POST allows (its content-length-range). */
  maxUploadBytes: number;
  /** Where uploaded objects live: the data dir's uploads/, or a temporary folder. */
  uploadsDir: string;
  /** Where uploads in progress are written (on the same disk as uploadsDir: they are renamed into it). */
  incomingDir: string;
  /** Signs presign policies. New at every start, so a restart voids outstanding presigns. */
  signingSecret: Buffer;
  faults: HostingFaults;
}

/** Datastore failures a test asked for: each of the next `failItems` items of a bulk call fails (partial_failure). */
export interface DatastoreFaults {
  failItems: number;
}

/** A webhook call the triggers service recorded for the workflow engine. */
export interface RecordedTrip {
  id: number;
  trigger_id: string;
  app_id: string;
  team_id: string;
  data: unknown;
  tripped_at: number;
}

/**
 * How services tell the workflow engine that something happened (the engine itself is made by the
 * server: it holds the function runner and the executions in flight).
 */
export interface WorkflowHooks {
  /** The webhook recorded a pending trip: the engine takes it and runs its workflow. */
  tripRecorded(trip: RecordedTrip): void;
  /** functions.completeSuccess/Error ended a function execution: the engine carries on with its workflow. */
  functionEnded(functionExecutionId: string): void;
  /** Starts a trigger's workflow now, with `data` as its trip's data (POST /__emulator/triggers/fire). */
  fire(triggerId: string, data: Record<string, unknown>): Promise<FireOutcome>;
  /**
   * A call made with the function execution's token is about to be logged in its trace: what the function
   * printed before making it is logged first (runtime contract §6.6). Nothing when it printed nothing new.
   */
  flushOutput?(functionExecutionId: string): Promise<void>;
  /** A trigger was created, updated or deleted: the scheduler looks at the schedules again. */
  schedulesChanged?(): void;
  /** POST /__emulator/clock moved the emulator's clock: the occurrences passed over fire now. */
  clockMoved?(): void;
  /** POST /__emulator/events: an event happened in a team; its event triggers start their workflows now. */
  postEvent?(event: PlatformEvent): Promise<EventOutcome>;
}

/** Something that happened in a team that event triggers listen for (runtime contract §1.5). */
export interface PlatformEvent {
  /** The event's name without `slack#/events/`: `reaction_added`, `message_posted`, … */
  name: string;
  teamId: string;
  /** The trip's `{{data.*}}`. A person's message_posted is recorded in the message log first, which adds its `message_ts`. */
  data: Record<string, unknown>;
}

/** What an event started: one execution per matching trigger, and the triggers whose workflow could not start. */
export interface EventOutcome {
  /** The data the triggers were given (with what the emulator filled in). */
  data: Record<string, unknown>;
  started: { trigger_id: string; workflow_execution_id: string; trace_id: string }[];
  refused: { trigger_id: string; error: string; errors: string[] }[];
}

/** Whether a fired trigger started its workflow: the execution and its trace, or why not. */
export type FireOutcome = { ok: true; workflow_execution_id: string; trace_id: string } | { ok: false; error: string; errors: string[] };

/**
 * What interactive built-ins return in place of a person (`--answers`, POST /__emulator/answers): outputs by
 * `<workflow callback_id>/<step id>` or by the built-in's name (workflows/answers.ts).
 */
export type InteractiveAnswers = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** What every handler may use: the state, the time, and the emulator's settings. */
export interface EmulatorDeps {
  store: Store;
  /** Current time in Unix milliseconds, from the injected clock. */
  now(): number;
  /** Moves now() forward for good (a test's way to let logs, tokens and tickets age). */
  advanceClock(ms: number): void;
  tokenTtlMs: number;
  ticketTtlMs: number;
  /** The team and user who approve tickets (there is no sign-in: this is a single-developer platform). */
  team: SeedTeam;
  user: SeedUser;
  /** The URL the emulator listens on, for links it hands out when a request names no usable Host. */
  origin(): string;
  hosting: HostingSettings;
  datastore: { faults: DatastoreFaults };
  /** The largest variable value `apps.hosted.variables.add` takes, in bytes (`--max-variable-size`). */
  variables: { maxValueBytes: number };
  /** The largest body a webhook trigger takes, in bytes (`--max-webhook-size`). */
  triggers: { maxWebhookBytes: number };
  /** What interactive built-ins answer with, as no person is there to ask; replaced whole by POST /__emulator/answers. */
  /** The whole state as one thing (snapshots, checkpoints); set by the server once everything it needs exists. */
  state?: EmulatorState;
  answers: InteractiveAnswers;
  /** The workflow engine's doorbells (workflows/). */
  workflows: WorkflowHooks;
  /** Failures and latency injected by share of requests (`--faults`, or the control endpoint). */
  faults: FaultInjector;
  /** Runs a deployed app's functions, each in a Deno process of its own. */
  runtime: Runtime;
}
