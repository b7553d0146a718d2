// rosi/testing's public types. The build copies this file as it is to dist/testing.d.ts, so it holds
// declarations only (interfaces, types, `export declare`): nothing here runs. The implementation is typed
// against it (index.ts), and public-api.test.ts checks the two agree.

/** A datastore item: its attributes, the primary key among them. */
export type Item = Record<string, unknown>;

/** Where the emulator runs. */
export type EmulatorProcess = 'in-process' | 'child';

/** A trigger definition as `rosi trigger create --trigger-def` reads one from a .json file. */
export type TriggerDefinition = Record<string, unknown>;

export interface StartOptions {
  /**
   * `'in-process'` (the default): the emulator runs in this process; needs SQLite on this Node (node:sqlite,
   * Node 22.13+, or the better-sqlite3 optional dependency). `'child'`: `rosi emulator` in a process of its own.
   */
  process?: EmulatorProcess;
  /** A project folder to deploy at start (a copy of it: the folder itself is never written). */
  project?: string;
  /** Triggers to create at start, after the deploy: files of the project (as `--trigger-def` takes them) or definitions. */
  triggers?: readonly (string | TriggerDefinition)[];
  /** Datastore items put at start: a folder of `<datastore>.jsonl` files, or `{ <datastore>: items }`. Needs `project`. */
  seed?: string | Readonly<Record<string, readonly Item[]>>;
  /** What interactive built-ins answer in place of a person, as `rosi emulator --answers` takes them: a JSON file or the object. */
  answers?: string | Record<string, unknown>;
  /** A function execution's time limit in milliseconds (the emulator's default: 60,000, as on Slack). */
  functionTimeout?: number;
  /** The Deno that runs functions (default: ROSI_DENO, else the one npm installed with rosi, else deno on PATH). */
  deno?: string;
  /** How long fire() waits for an execution to end, in milliseconds, unless it is told otherwise (default 30,000). */
  fireTimeout?: number;
}

/** A trigger made by createTrigger(). */
export interface Trigger {
  id: string;
  type: string;
  name: string;
  appId: string;
  /** A webhook trigger's URL: fire() posts to it, as a caller would. */
  webhookUrl?: string;
}

export interface Step {
  index: number;
  /** The step's function: `greet`'s reference or a built-in such as `slack#/functions/send_message`. */
  functionId: string;
  functionExecutionId: string;
  /** `completed`, `failed`, `timed_out`, or `running` when the workflow stopped before the step ended. */
  status: string;
  inputs: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  error?: string;
}

/** A message an app posted (or a person, through the emulator's events). */
export interface Message {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  threadTs?: string;
  appId?: string;
  userId?: string;
  workflowExecutionId?: string;
  postedAt: string;
}

/** One entry of an execution's activity log, as `rosi activity` shows it (the wire's fields). */
export type Activity = Record<string, unknown> & { event_type?: string; level?: string; trace_id?: string; payload?: Record<string, unknown> | null };

export interface FireResult {
  status: 'completed' | 'failed';
  /** The outputs of the last step that completed (a workflow's own outputs are its steps'). */
  outputs: Record<string, unknown>;
  /** Why it failed: the failing step's error; undefined when it completed. */
  error: string | undefined;
  workflowExecutionId: string;
  traceId: string;
  steps: Step[];
  /** The trace's activity entries, oldest first. */
  activity: Activity[];
  /** What the execution posted, in every channel, oldest first. */
  messages: Message[];
}

export interface FireOptions {
  /** How long to wait for the execution to end, in milliseconds (the emulator's fireTimeout unless given). */
  timeout?: number;
}

export interface Datastore {
  /** The item with this primary key, or undefined. */
  get(id: string): Promise<Item | undefined>;
  /** Puts (creates or replaces) one item. */
  put(item: Item): Promise<Item>;
  /** Every item matching the query (all pages), as `apps.datastore.query` takes it; every item without one. */
  query(q?: { expression?: string; expression_attributes?: Record<string, string>; expression_values?: Record<string, unknown> }): Promise<Item[]>;
}

export interface Deployed {
  appId: string;
  /** The copy of the project that was deployed (its `.slack/` record is the copy's, not the project's). */
  dir: string;
}

/** A running emulator for a test suite. */
export interface TestEmulator {
  /** The emulator's address: the console's pages, webhook URLs and `/__emulator/` test endpoints are under it. */
  readonly url: string;
  /** The Web API's address, for SLACK_API_URL (ends with `/api/`). */
  readonly apiUrl: string;
  /** A user token of the seeded developer that never expires (as `rosi login --no-rotation`'s). */
  readonly token: string;
  readonly teamId: string;
  /** The app deployed last (at start from `project`, or by deploy()); undefined before any. */
  readonly appId: string | undefined;
  readonly process: EmulatorProcess;
  /** The triggers startEmulator() made (its `triggers` option), in that order. */
  readonly triggers: readonly Trigger[];
  /** Deploys a copy of the folder (the start's `project` when left out) with rosi's own deploy; the same folder again updates its app. */
  deploy(dir?: string): Promise<Deployed>;
  /** Puts items into a datastore of the deployed app. */
  seed(datastore: string, items: readonly Item[]): Promise<void>;
  datastore(name: string): Datastore;
  /** Creates a trigger of the deployed app from a file of its project (`triggers/x.ts`) or a definition. */
  createTrigger(trigger: string | TriggerDefinition): Promise<Trigger>;
  /**
   * Starts the trigger's workflow and waits for the execution to end. A webhook trigger is posted to its URL
   * (so its filter applies); any other, or a trigger ID, is run with `emulator.triggers.run`.
   */
  fire(trigger: Trigger | string, data?: Record<string, unknown>, options?: FireOptions): Promise<FireResult>;
  /** What was posted in `channel` (an ID: `C0GENERAL` is #general), or in every channel; oldest first. */
  messages(channel?: string): Promise<Message[]>;
  /** Remembers the whole state as it is now, for reset(). Taken by startEmulator() after its deploy, triggers and seed. */
  checkpoint(): Promise<void>;
  /** Puts the whole state back as at the last checkpoint, in milliseconds; runs in flight are ended first. */
  reset(): Promise<void>;
  /** Stops the emulator and removes its temporary files; again does nothing. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Where Deno is, or why there is none (functions cannot run without it; everything else works). */
export interface DenoFound {
  path: string | null;
  reason?: string;
}

/** Every failure of rosi/testing: a message saying what went wrong and what to do; never a token. */
export declare class RosiTestingError extends Error {
  /** A stable name for the failure, e.g. `fire_timeout`, `deploy_failed`, `no_project`. */
  readonly code: string;
  constructor(code: string, message: string);
}

/** Starts an emulator for a test suite: deploys, creates triggers and seeds as asked, then takes a checkpoint. */
export declare function startEmulator(options?: StartOptions): Promise<TestEmulator>;

/** Where the emulator would find Deno, so a suite can skip its function tests when there is none. */
export declare function findDeno(options?: { deno?: string }): Promise<DenoFound>;
