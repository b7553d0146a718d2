import { defineCommand } from '../../kit/define-command.js';
import { EMULATOR_FLAGS } from './emulator-flags.js';

export const startCommand = defineCommand({
  name: 'start',
  summary: 'Run the Slack platform API on this machine',
  description:
    'Serves the platform API (auth tickets and tokens, apps, uploads, datastores, activity, environment variables, triggers) over HTTP so every rosi command works offline.\n' +
    'Point rosi at it with --apihost or ROSI_APIHOST. State lives in SQLite under --data-dir and survives restarts.\n' +
    'Its console (web pages of its apps, their activity and datastores, and the messages) is at its URL, printed as it starts; ' +
    '--open opens it in your browser once it listens, on a terminal only: not in CI, not with BROWSER=none, not over SSH or on Linux without a display ' +
    '(then the URL is printed with the reason). BROWSER names the browser command.\n' +
    'SQLite runs on Node’s own node:sqlite where this Node has it (22.13 and newer), else on better-sqlite3; ROSI_EMULATOR_SQLITE=node or =better-sqlite3 picks one.\n' +
    'Deployed functions run in Deno (rosi’s optional dependency, or --deno/ROSI_DENO), sandboxed: they read only their bundle and reach only their outgoing_domains, the emulator and Slack’s hosts.\n' +
    'Scheduled triggers fire at their times by the emulator’s clock (--no-schedules turns that off); moving the clock fires the occurrences it passes, at most 100 per trigger.\n' +
    'Activity logs are kept 7 days by the emulator’s clock; apps.activities.list answers at most 1000 per page (a larger limit is lowered).\n' +
    'With --control, test endpoints live under /__emulator/, among them POST activities {"app_id","activities":[{"event_type",…}]}\n' +
    '(up to 50,000 per call, appended in order), POST clock {"advance_ms"} (moves the emulator’s clock forward) and POST faults {"spec"} (replaces --faults).\n' +
    '--faults takes a comma-separated list of [family:]kind[=arg][@share]. Families: auth, apps, hosting, upload (the code upload host), datastore, activities; ' +
    'none means all. Kinds: 429[=Retry-After seconds, default 1] and 503[=Retry-After seconds] refuse the request before it runs; ' +
    '500 and drop (the connection closes with no answer) come after it ran, so the client cannot tell whether it took effect; ' +
    'latency=<duration> delays the answer. The share (a fraction or a percentage, default 100%) is exact, not random: @25% hits the 4th, 8th, 12th… ' +
    'request of that family.',
  flags: [
    ...EMULATOR_FLAGS,
    {
      name: 'open',
      description: 'once it is listening, open the console in your browser (the app’s page with --manifest); on a terminal only, not in CI',
    },
    { name: 'open', description: 'do not open the console (the default)', negatable: true },
  ],
  examples: [
    { meaning: 'Start it and log in against it', command: 'rosi emulator &\nrosi login --apihost http://127.0.0.1:5810' },
    { meaning: 'Start it and open its console in your browser', command: 'rosi emulator --open' },
    { meaning: 'A throwaway instance for tests', command: 'rosi emulator --port 0 --ephemeral --control --token-ttl 30s' },
    {
      meaning: 'A flaky platform: every 5th datastore call rate-limited, every 10th answer lost',
      command: 'rosi emulator --faults datastore:429@20%,drop@10%',
    },
  ],
  load: () => import('./start.run.js'),
});
