import { defineCommand, defineGroup } from '../../kit/define-command.js';

const HOST_NOTE =
  'The emulator is the one at --apihost or ROSI_APIHOST (default http://127.0.0.1:5810), on this machine only: the emulator answers snapshots ' +
  'from loopback clients alone, with or without --control. No login is needed.';

export const snapshotSaveCommand = defineCommand({
  name: 'save',
  summary: 'Write a running emulator’s whole state to a snapshot file',
  description:
    'Streams the emulator’s state — its database (apps, tokens as hashes, triggers, environment variables, datastore items, activity, messages, ' +
    'workflow runs that ended) and the deployed code — into one file, checking as it arrives that it ends with the SHA-256 of everything before it.\n' +
    'An existing file at that path is replaced, as rosi datastore export replaces its output file, but only once the new snapshot is whole: ' +
    'it is written to a temporary file beside it (mode 0600), synced and renamed over it, so a failed or interrupted save leaves the old file as it was.\n' +
    'Prints the file and its size on stderr; --json prints {"file", "bytes", "api_host"} on stdout.\n' +
    `${HOST_NOTE}\n` +
    'Load it with rosi emulator snapshot load <file>, or start an emulator from it with rosi emulator start --import <file>.',
  args: [{ name: 'file', description: 'where to write the snapshot', complete: 'files' }],
  examples: [
    { meaning: 'Keep the emulator’s state before an experiment', command: 'rosi emulator snapshot save before.snapshot' },
    { meaning: 'From an emulator on another port', command: 'rosi emulator snapshot save ci.snapshot --apihost http://127.0.0.1:5899' },
  ],
  load: () => import('./snapshot-save.run.js'),
});

export const snapshotLoadCommand = defineCommand({
  name: 'load',
  summary: 'Replace a running emulator’s state with a snapshot file’s',
  description:
    'Checks the file here first — that it exists, is a snapshot, is a format this rosi reads (a newer one is refused) and matches its checksum — ' +
    'then sends it to the emulator, which checks it again and replaces its whole state with it in one step: runs in flight are stopped, ' +
    'and a refused file changes nothing. Tokens saved in the snapshot work again; those issued since it was saved do not.\n' +
    'Prints what was loaded on stderr; --json prints {"file", "api_host", "created_at", "rosi_version", "schema_version"} on stdout.\n' +
    `${HOST_NOTE}`,
  args: [{ name: 'file', description: 'the snapshot to load', complete: 'files' }],
  examples: [
    { meaning: 'Go back to a saved state', command: 'rosi emulator snapshot load before.snapshot' },
    { meaning: 'Start an emulator from it instead', command: 'rosi emulator start --ephemeral --import before.snapshot' },
  ],
  load: () => import('./snapshot-load.run.js'),
});

export const snapshotGroup = defineGroup({
  name: 'snapshot',
  summary: 'Save a running emulator’s state to a file, or load one into it',
  description:
    'A snapshot is one file holding an emulator’s whole state (src/emulator/snapshot/README.md describes it): saved from a running emulator, ' +
    'loaded into one, or used at start with rosi emulator start --import; --export-on-exit writes one as the emulator stops.',
  commands: [snapshotSaveCommand, snapshotLoadCommand],
});
