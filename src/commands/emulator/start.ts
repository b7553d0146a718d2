import { defineCommand } from '../../kit/define-command.js';

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
    { name: 'port', value: '<port>', description: 'TCP port (default 5810; 0 picks a free one)' },
    { name: 'host', value: '<addr>', description: 'address to listen on (default 127.0.0.1)' },
    { name: 'data-dir', value: '<dir>', description: 'where the database lives (default: rosi’s data folder)', complete: 'files' },
    { name: 'in-memory', description: 'keep state in memory only (tests)' },
    { name: 'token-ttl', value: '<duration>', description: 'lifetime of issued tokens (default 12h)' },
    { name: 'ticket-ttl', value: '<duration>', description: 'lifetime of auth tickets (default 5m)' },
    { name: 'presign-ttl', value: '<duration>', description: 'lifetime of presigned code uploads (default 10m)' },
    { name: 'max-upload-size', value: '<size>', description: 'largest code upload a presign allows (default 200MB)' },
    { name: 'max-variable-size', value: '<size>', description: 'largest environment variable value apps.hosted.variables.add takes (default 32KiB)' },
    { name: 'max-webhook-size', value: '<size>', description: 'largest body a webhook trigger takes (default 1MiB)' },
    { name: 'function-timeout', value: '<duration>', description: 'time limit of a function execution, as on Slack (default 60s)' },
    { name: 'function-memory', value: '<size>', description: 'JavaScript heap a function execution may use (default 256MiB)' },
    { name: 'max-executions', value: '<n>', description: 'function executions running at once; more wait their turn (default: one per CPU)' },
    {
      name: 'schedules',
      description: 'scheduled triggers do not fire by themselves at their times (by default they do, by the emulator’s clock)',
      negatable: true,
    },
    {
      name: 'deno',
      value: '<path>',
      description: 'the Deno that runs functions (default: ROSI_DENO, else the one npm installed with rosi, else deno on PATH)',
      complete: 'files',
    },
    {
      name: 'team-id',
      value: '<id>',
      description: 'ID of the seeded team (by default one made once per data folder and kept, or a new one per --in-memory start)',
    },
    { name: 'team-domain', value: '<domain>', description: 'domain of the seeded team (default emulator)' },
    { name: 'user-id', value: '<id>', description: 'ID of the seeded user (default U0EMULATOR)' },
    {
      name: 'manifest',
      value: '<file>',
      description: 'create (or update) app A0EMULATOR1 from this manifest.json, for datastores of apps not deployed yet',
      complete: 'files',
    },
    {
      name: 'answers',
      value: '<file>',
      description: 'JSON outputs for built-ins that need a person (open_form, buttons), by built-in or <workflow>/<step id>: {"open_form": {"fields": {…}}}',
      complete: 'files',
    },
    {
      name: 'open',
      description: 'once it is listening, open the console in your browser (the app’s page with --manifest); on a terminal only, not in CI',
    },
    { name: 'open', description: 'do not open the console (the default)', negatable: true },
    { name: 'control', description: 'enable the test-only /__emulator control endpoints' },
    {
      name: 'faults',
      value: '<spec>',
      description: 'inject failures and latency: [family:]kind[=arg][@share],…, e.g. datastore:429@20%,hosting:drop@10%,latency=50ms',
    },
  ],
  examples: [
    { meaning: 'Start it and log in against it', command: 'rosi emulator &\nrosi login --apihost http://127.0.0.1:5810' },
    { meaning: 'Start it and open its console in your browser', command: 'rosi emulator --open' },
    { meaning: 'A throwaway instance for tests', command: 'rosi emulator --port 0 --in-memory --control --token-ttl 30s' },
    {
      meaning: 'A flaky platform: every 5th datastore call rate-limited, every 10th answer lost',
      command: 'rosi emulator --faults datastore:429@20%,drop@10%',
    },
  ],
  load: () => import('./start.run.js'),
});
