/** One activity as `apps.activities.list` returns it (contract §7.3); `created` is in microseconds. */
export interface Activity {
  trace_id: string;
  level: string;
  event_type: string;
  source: string;
  component_type: string;
  component_id: string;
  payload: Record<string, unknown>;
  created: number;
}
