import { activityMessage } from '../../../lib/activity/message.js';
import type { Activity } from '../../../lib/activity/activity.js';
import { wireActivity, type StoredActivity } from '../../activity/index.js';
import type { ConsoleActivity } from '../ui/pages/activity/wire.js';
import { hideSecrets } from './activity-secrets.js';

/** The stored row with its secrets hidden, and what `rosi activity` would say of it, on one line. */
export function consoleActivity(r: StoredActivity, variables: Readonly<Record<string, string>>): ConsoleActivity {
  const activity: Activity = wireActivity(r, hideSecrets(r.payload, variables));
  return { id: r.id, ...activity, summary: oneLine(activityMessage(activity)) };
}

/** The message's lines joined, their indents gone: "Function output: hello" rather than a title and a tabbed line. */
export function oneLine(message: string): string {
  return message
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');
}
