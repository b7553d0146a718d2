import type { FlagDef } from '../../kit/define-command.js';

/** The flags that say what emulator to run: `rosi emulator start` and `rosi emulator exec` take them alike. */
export const EMULATOR_FLAGS: readonly FlagDef[] = [
  { name: 'port', value: '<port>', description: 'TCP port (default 5810; 0 picks a free one)' },
  { name: 'host', value: '<addr>', description: 'address to listen on (default 127.0.0.1)' },
  { name: 'data-dir', value: '<dir>', description: 'where the database lives (default: rosi’s data folder)', complete: 'files' },
  { name: 'in-memory', description: 'the same as --ephemeral (its older name)' },
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
  { name: 'control', description: 'enable the test-only /__emulator control endpoints' },
  {
    name: 'faults',
    value: '<spec>',
    description: 'inject failures and latency: [family:]kind[=arg][@share],…, e.g. datastore:429@20%,hosting:drop@10%,latency=50ms',
  },
  {
    name: 'ephemeral',
    description: 'keep nothing anywhere: the database in memory, uploads and unpacked code in a private temporary folder removed when it stops',
  },
  {
    name: 'import',
    value: '<snapshot>',
    description:
      'start from this snapshot’s state (rosi emulator snapshot save, --export-on-exit); with a data folder, only a new or empty one: ' +
      'an existing state is never replaced (use --ephemeral, a new --data-dir, or rosi emulator snapshot load)',
    complete: 'files',
  },
  {
    name: 'export-on-exit',
    value: '<file>',
    description: 'when it stops, write a snapshot of its state to this file (0600), replacing it whole or not at all',
    complete: 'files',
  },
  {
    name: 'seed',
    value: '<dir>',
    description: 'fill the app’s datastores from <datastore>.jsonl files (as rosi datastore export writes) in this folder; every line is checked first',
    complete: 'files',
  },
];
