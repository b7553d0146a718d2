// A trigger as rosi prints it, line by line: `rosi trigger create|update|info` and a deploy's trigger offer
// print the same block, so it lives with the domain rather than in one command group.
import type { DeployedTrigger } from '../api/schemas/triggers.js';
import { shortInZone, type NextRun } from './next-run.js';

export const workflowOf = (t: DeployedTrigger): string => (t.workflow?.callback_id ? `#/workflows/${t.workflow.callback_id}` : '');

function unixTime(seconds: number, zone: string): string {
  return shortInZone(new Date(seconds * 1000), zone);
}

/** The lines of one trigger: name, ID and type, then what it runs, when it was made, and where or when it fires. */
export function triggerLines(t: DeployedTrigger, zone: string, next?: NextRun): string[] {
  const lines = [t.name ? `${t.name} ${t.id} (${t.type})` : `Trigger ${t.id} (${t.type})`];
  const field = (label: string, value: string | undefined) => {
    if (value) lines.push(`  ${`${label}:`.padEnd(13)}${value}`);
  };
  field('Description', t.description);
  field('Workflow', workflowOf(t));
  field('Created', t.date_created ? unixTime(t.date_created, zone) : undefined);
  if (t.date_updated && t.date_updated !== t.date_created) field('Updated', unixTime(t.date_updated, zone));
  field('URL', t.shortcut_url ?? t.webhook_url);
  field('Event', eventTypeOf(t));
  if (t.type === 'scheduled' && next !== undefined) field('Next run', nextRunText(next, zone));
  return lines;
}

export function eventTypeOf(t: DeployedTrigger): string | undefined {
  const event = (t as { event?: { event_type?: unknown } }).event;
  return t.event_type ?? (typeof event?.event_type === 'string' ? event.event_type : undefined);
}

export function nextRunText(next: NextRun, zone: string): string {
  if (next === null) return 'no more runs';
  if (next === 'unknown') return 'unknown (rosi cannot read this schedule)';
  return shortInZone(next, zone);
}
