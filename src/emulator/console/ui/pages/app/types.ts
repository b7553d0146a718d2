// What GET /__console/api/apps/<id> answers (console/api/app-view.ts on the server).

export interface Person {
  id: string;
  name: string | null;
}

export interface TriggerView {
  id: string;
  type: string;
  name: string;
  description: string | null;
  workflow: string;
  workflow_title: string | null;
  inputs: string[];
  data_paths: string[];
  webhook_url?: string;
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

export interface AppView {
  app: { id: string; name: string; team: Person; owner: Person; hosted: boolean; created_at: number; updated_at: number };
  manifest: Record<string, unknown>;
  deployments: { version: number; deployed_at: number; deployed_by: Person; runtime: string; zip_size: number; file_count: number }[];
  datastores: { name: string; primary_key: string | null; attributes: { name: string; type: string }[]; items: number }[];
  triggers: TriggerView[];
  variable_names: string[];
  executions: ExecutionView[];
}
