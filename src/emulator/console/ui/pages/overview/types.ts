/** GET /__console/api/overview (console/api/overview.ts). */
export interface Overview {
  emulator: { origin: string; team_id: string; login_command: string; approve_url: string };
  teams: { id: string; domain: string; name: string }[];
  teams_more: boolean;
  users: { id: string; team_id: string; name: string }[];
  users_more: boolean;
  apps: OverviewApp[];
  apps_next: string | null;
}

export interface OverviewApp {
  id: string;
  name: string | null;
  team_id: string;
  team_name: string | null;
  owner_id: string;
  owner_name: string | null;
  created_at: number;
  last_deploy: { version: number; at: number; by: string } | null;
}

/** One call in GET /__console/api/requests (console/requests/request-log.ts). */
export interface CallSummary {
  seq: number;
  at: number;
  method: string;
  caller: { kind: 'user' | 'bot' | 'execution' | 'none' | 'invalid'; label: string };
  status: number;
  ok: boolean;
  error?: string;
  duration_ms: number;
  truncated: boolean;
}

export interface CallPage {
  calls: CallSummary[];
  next_before: number | null;
  kept: number;
  max_kept: number;
}

/** GET /__console/api/requests/<seq>. */
export interface CallDetail extends CallSummary {
  params: unknown;
  answer: unknown;
}
