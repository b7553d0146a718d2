import { defineCommand } from '../../kit/define-command.js';
import { APP_NOTE } from '../../kit/flags.js';
import { TRIGGER_ID_FLAG } from './shared.js';

export const runCommand = defineCommand({
  name: 'run',
  summary: 'Fire a trigger now',
  description:
    'Starts the trigger’s workflow now, with --inputs (or --inputs-file) as the trip’s data: the JSON object its {{data.…}} inputs read. ' +
    'For a webhook trigger that is the body POSTed to its URL (no token goes there), as any sender would call it, on Slack and on `rosi emulator` alike; ' +
    'for the other types it is what a click, a schedule or an event would have supplied (on the emulator a link trigger’s click fills in user_id, channel_id and interactivity, ' +
    'a scheduled trigger’s creator user_id, unless --inputs gives them).\n' +
    'Link, scheduled and event triggers run only against `rosi emulator`, through emulator.triggers.run: a method of the emulator’s own, not Slack’s. ' +
    'Slack starts them only when a person clicks the link, at the scheduled time or on the event, so against Slack rosi refuses them (exit 2), printing a link trigger’s URL to click.\n' +
    'Prints the workflow execution and trace it started, and the `rosi activity trace` command that shows how it ran; a webhook’s answer names no execution, ' +
    'so for a webhook rosi says the call was accepted and prints the `rosi activity --tail` command to follow it. ' +
    '--json prints the answer: {"ok", "workflow_execution_id", "trace_id"}, or the webhook’s {"ok": true}.\n' +
    '--wait (emulator, not webhooks) waits until the execution ends, looking at the activity log every second (every 5 seconds after the first minute) for at most 10 minutes: exit 0 when it completed, ' +
    '1 with the failed step’s error when it failed or is still running at the limit; with --json the answer also holds "status" and, on failure, "error" and "failed_step".\n' +
    'Without --trigger-id, on a terminal rosi lists the app’s triggers to choose from; elsewhere it fails naming --trigger-id (exit 2). JSON that does not parse is exit 2, with where it goes wrong.\n' +
    APP_NOTE,
  flags: [
    TRIGGER_ID_FLAG,
    { name: 'inputs', value: '<json>', description: 'the trip’s data, a JSON object (for a webhook, the body it is sent)' },
    { name: 'inputs-file', value: '<path|->', description: 'read that JSON object from a file, or from stdin with -', complete: 'files' },
    { name: 'wait', description: 'against the emulator, wait for the workflow to end; exit 1 if it failed' },
  ],
  examples: [
    { meaning: 'Call a webhook trigger with a body', command: 'rosi trigger run --trigger-id Ft0123ABCDEF --inputs \'{"kind": "greeting", "name": "Ada"}\'' },
    { meaning: 'Click a link trigger on the emulator, and wait for the run to end', command: 'rosi trigger run --trigger-id Ft0123ABCDEF --wait' },
    { meaning: 'The data from a file, the answer as JSON', command: 'rosi trigger run --trigger-id Ft0123ABCDEF --inputs-file trip.json --json' },
  ],
  load: () => import('./run.run.js'),
});
