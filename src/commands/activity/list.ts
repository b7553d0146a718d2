import { defineCommand } from '../../kit/define-command.js';
import { APP_NOTE } from '../../kit/flags.js';

export const listCommand = defineCommand({
  name: 'list',
  summary: 'Print the app’s activity log, or follow it with --tail',
  description:
    'Prints the newest --limit activities that match (default 100), oldest first, following the API’s cursor across pages; --limit 0 prints every match. ' +
    'Filters go to the server (apps.activities.list); --search filters the printed lines on this side. Times are local; --json prints one activity per line, as the API returns it (JSON Lines: no line at all when nothing matches, exit 0).\n' +
    'With --tail, rosi keeps polling: it asks from 30 s before the newest activity it has seen and pages through everything newer, so a burst bigger than a page ' +
    'is printed in full, an activity that reaches the log up to 30 s late is still printed, and nothing is printed twice. It rides out network failures, reconnecting with backoff, and stops after --idle minutes without new activity.\n' +
    APP_NOTE,
  aliases: [],
  flags: [
    { name: 'tail', short: 't', description: 'keep polling for new activity' },
    { name: 'interval', short: 'i', value: '<seconds>', description: 'seconds between polls with --tail (default 3)' },
    { name: 'idle', value: '<minutes>', description: 'with --tail, stop after this many minutes without new activity (default 5; 0 never stops)' },
    {
      name: 'level',
      value: '<level>',
      description: 'lowest level shown: trace, debug, info, warn, error, fatal (default info)',
      complete: { values: ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] },
    },
    { name: 'limit', value: '<n>', description: 'how many of the newest matches to print (default 100; 0 prints all); with --tail, the first batch only' },
    { name: 'since', value: '<duration|time>', description: 'only activity from this long ago (15m, 2h, 7d) or since this ISO-8601 time' },
    { name: 'until', value: '<duration|time>', description: 'only activity up to this long ago or this ISO-8601 time' },
    { name: 'min-date-created', value: '<µs>', description: 'only activity created at or after this Unix time in microseconds' },
    { name: 'max-date-created', value: '<µs>', description: 'only activity created at or before this Unix time in microseconds' },
    { name: 'event', value: '<type>', description: 'only this event type (function_execution_output, workflow_execution_result, …)' },
    {
      name: 'component',
      value: '<type>',
      description: 'only this component type: events_api, workflows, functions, tables',
      complete: { values: ['events_api', 'workflows', 'functions', 'tables'] },
    },
    { name: 'component-id', value: '<id>', description: 'only this function or workflow (Fn…, Wf…)' },
    { name: 'source', value: '<source>', description: 'only activity from slack or developer', complete: { values: ['slack', 'developer'] } },
    { name: 'trace-id', value: '<id>', description: 'only the activity of one execution (see also `rosi activity trace`)' },
    { name: 'search', value: '<text>', description: 'only lines containing this text (any case; filtered by rosi, not the server)' },
  ],
  examples: [
    { meaning: 'The latest 100 entries', command: 'rosi activity' },
    { meaning: 'Follow new activity as it happens', command: 'rosi activity --tail' },
    { meaning: 'Errors of the last two hours', command: 'rosi activity --level error --since 2h' },
    { meaning: 'One function’s output, searched', command: 'rosi activity --component-id Fn0123ABCD --event function_execution_output --search timeout' },
    {
      meaning: 'Everything from one day as JSON Lines, in CI',
      command: 'rosi activity --app A0123ABCDEF --since 2026-11-27 --until 2026-11-28 --limit 0 --json > day.jsonl',
    },
  ],
  load: () => import('./list.run.js'),
});
