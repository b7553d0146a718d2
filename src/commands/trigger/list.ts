import { defineCommand } from '../../kit/define-command.js';
import { APP_NOTE } from '../../kit/flags.js';

export const LIST_TYPES = ['all', 'shortcut', 'event', 'scheduled', 'webhook'] as const;

export const listCommand = defineCommand({
  name: 'list',
  summary: 'List the app’s triggers',
  description:
    'Prints a table of every trigger of the app: id, type, name, workflow (its callback ID) and, last, the URL of a link or webhook trigger, ' +
    'the event type of an event trigger, or when a scheduled trigger runs next, in your time zone (TZ, else this machine’s) with its offset, ' +
    'or "no more runs" once its schedule has ended. Off a terminal the table is tab-separated. No triggers: a note on stderr, exit 0.\n' +
    'rosi follows Slack’s cursor to the last page; --limit is how many triggers each call asks for (default 100). Slack also answers triggers of ' +
    'other apps you can see; rosi keeps the app’s own.\n' +
    '--json prints {"app_id", "triggers": [...]}, each trigger as Slack returns it; scheduled ones get "next_run", added by rosi: ' +
    'ISO-8601 with your offset, or null when the schedule has ended (or rosi cannot read it).\n' +
    APP_NOTE,
  flags: [
    { name: 'type', value: '<type>', description: `only triggers of this type: ${LIST_TYPES.join(', ')} (default all)`, complete: { values: LIST_TYPES } },
    { name: 'limit', value: '<n>', description: 'triggers per call to Slack, 1 to 1000 (default 100); every page is fetched' },
  ],
  examples: [
    { meaning: 'Every trigger of the project’s app', command: 'rosi trigger list' },
    { meaning: 'Scheduled triggers and when they run next', command: 'rosi trigger list --type scheduled' },
    { meaning: 'Webhook URLs only, in a script', command: "rosi trigger list --type webhook --app A0123ABCDEF --json | jq -r '.triggers[].webhook_url'" },
  ],
  load: () => import('./list.run.js'),
});
