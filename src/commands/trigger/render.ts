import type { DeployedTrigger } from '../../api/schemas/triggers.js';
import type { IO } from '../../io/io.js';
import { formatTable } from '../../io/table.js';
import { describeType } from '../../triggers/access-change.js';
import { shortInZone, type NextRun } from '../../triggers/next-run.js';
import type { TriggerAccess } from '../../triggers/requests.js';

/** Access as `--json` prints it: Slack's `permissions.list` fields. */
export interface AccessJson {
  permission_type: TriggerAccess['type'];
  user_ids: string[];
  channel_ids: string[];
  team_ids: string[];
  org_ids: string[];
}

export function accessJson(a: TriggerAccess): AccessJson {
  return { permission_type: a.type, user_ids: a.users, channel_ids: a.channels, team_ids: a.teams, org_ids: a.orgs };
}

/** Who may run the trigger, in one line per kind of entity. */
export function accessLines(a: AccessJson): string[] {
  if (a.permission_type !== 'named_entities') return [`Can be run by: ${describeType(a.permission_type)}`];
  const lists = [
    ['users', a.user_ids],
    ['channels', a.channel_ids],
    ['workspaces', a.team_ids],
    ['organizations', a.org_ids],
  ] as const;
  const named = lists.filter(([, ids]) => ids.length > 0).map(([what, ids]) => `  ${what}: ${ids.join(', ')}`);
  return named.length ? ['Can be run by:', ...named] : ['Can be run by: nobody (the list of entities is empty)'];
}

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

function eventTypeOf(t: DeployedTrigger): string | undefined {
  const event = (t as { event?: { event_type?: unknown } }).event;
  return t.event_type ?? (typeof event?.event_type === 'string' ? event.event_type : undefined);
}

export function nextRunText(next: NextRun, zone: string): string {
  if (next === null) return 'no more runs';
  if (next === 'unknown') return 'unknown (rosi cannot read this schedule)';
  return shortInZone(next, zone);
}

/** The last column of `list`: where a link or webhook is called, when a schedule runs next, what an event is. */
function detailOf(t: DeployedTrigger, zone: string, next: NextRun | undefined): string {
  if (t.type === 'webhook') return t.webhook_url ?? '';
  if (t.type === 'shortcut') return t.shortcut_url ?? '';
  if (t.type === 'scheduled') return next === undefined ? '' : nextRunText(next, zone);
  if (t.type === 'event') return eventTypeOf(t) ?? '';
  return '';
}

export function renderTriggerTable(rows: readonly { trigger: DeployedTrigger; next: NextRun | undefined }[], zone: string, ui: IO): void {
  const headers = ['id', 'type', 'name', 'workflow', 'url, next run or event'];
  const cells = rows.map(({ trigger: t, next }) => [t.id, t.type, t.name ?? '', t.workflow?.callback_id ?? '', detailOf(t, zone, next)]);
  for (const line of formatTable(headers, cells, { tty: ui.isStdoutTTY, columns: ui.columns, header: ui.colors.bold })) ui.out(line);
}
