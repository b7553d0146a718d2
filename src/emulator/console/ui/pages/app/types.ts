// What GET /__console/api/apps/<id> answers: one copy, which the server (console/api/app-view.ts) builds to.

export interface Person {
  id: string;
  name: string | null;
}

/** A trigger as the app page shows it: a webhook's URL without its secret (whoever has the URL may trip it). */
export interface TriggerView {
  id: string;
  type: string;
  name: string;
  description: string | null;
  workflow: string;
  /** The workflow's title, or null once the manifest no longer has it. */
  workflow_title: string | null;
  inputs: string[];
  /**
   * The `{{data.<path>}}` references of its inputs that firing it with no data would leave empty (what a click or
   * the clock fills in is not listed): the paths the fire form asks for, e.g. `name`, `user.id`.
   */
  data_paths: string[];
  webhook_url?: string;
  /** The next run by the emulator's clock (Unix ms), null when the schedule has no more; only for a scheduled trigger. */
  next_run?: number | null;
  created_at: number;
}

export interface ExecutionView {
  id: string;
  trace_id: string;
  workflow: string;
  trigger_id: string;
  status: string;
  error: string | null;
  started_at: number;
  ended_at: number | null;
}

/** What the app page shows: never a token, a secret or a variable's value. */
export interface AppView {
  app: { id: string; name: string; team: Person; owner: Person; hosted: boolean; created_at: number; updated_at: number };
  manifest: Record<string, unknown>;
  deployments: { version: number; deployed_at: number; deployed_by: Person; runtime: string; zip_size: number; file_count: number }[];
  datastores: { name: string; primary_key: string | null; attributes: { name: string; type: string }[]; items: number }[];
  triggers: TriggerView[];
  variable_names: string[];
  executions: ExecutionView[];
}
