import type { DeployedTrigger } from '../../api/schemas/triggers.js';
import type { IO } from '../../io/io.js';
import { formatTable } from '../../io/table.js';
import { describeType } from '../../triggers/access-change.js';
import type { NextRun } from '../../triggers/next-run.js';
import type { TriggerAccess } from '../../triggers/requests.js';
import { eventTypeOf, nextRunText } from '../../triggers/trigger-lines.js';

// The block one trigger prints is shared with a deploy's trigger offer: it lives in the domain.
export { nextRunText, triggerLines, workflowOf } from '../../triggers/trigger-lines.js';

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
