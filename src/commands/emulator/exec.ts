import { defineCommand, type FlagDef } from '../../kit/define-command.js';
import { EMULATOR_FLAGS } from './emulator-flags.js';

/** The emulator's flags as exec reads them: a free port, and a state of its own, unless they say otherwise. */
const EXEC_DEFAULTS: Record<string, string> = {
  port: 'TCP port (default 0: a free one)',
  'data-dir': 'keep the emulator’s state in this folder, and leave it there (default: a temporary folder, removed at the end)',
};
const flags: FlagDef[] = EMULATOR_FLAGS.map((f) => {
  const description = EXEC_DEFAULTS[f.name];
  return description === undefined ? f : { ...f, description };
});

export const execCommand = defineCommand({
  name: 'exec',
  summary: 'Run a command against a fresh emulator, then stop it',
  description:
    'Starts an emulator on a free port with a state of its own (a temporary folder), signs its user in, runs the command, ' +
    'and stops the emulator when the command ends: for CI and test suites, with no login and no cleanup to do.\n' +
    'The command runs with no shell (the words after -- are its arguments; run `sh -c "…"` for one), in this folder, ' +
    'with the terminal’s stdin, stdout and stderr, and with these added to the environment: ' +
    'ROSI_APIHOST (the emulator’s URL), ROSI_TOKEN (a token of its user; SLACK_SERVICE_TOKEN too), ' +
    'SLACK_API_URL (<url>/api/, for @slack/web-api’s slackApiUrl and deno-slack-api), ' +
    'SLACK_CONFIG_DIR (a private folder whose credentials.json holds that login), ROSI_TEAM_ID, and with --deploy ROSI_APP_ID. ' +
    'So `rosi` commands it runs need no flags.\n' +
    '--deploy first deploys the project in this folder to the emulator, as `rosi deploy` does; if the deploy fails the command does not run (exit 1). ' +
    'The deploy is recorded in .slack/apps.json while the command runs, so rosi commands find the app, and forgotten at the end.\n' +
    '--import starts from a snapshot; --seed <dir> fills the deployed app’s datastores (or --manifest’s app’s) from <datastore>.jsonl files before the command runs; ' +
    '--export-on-exit <file> saves the state as a snapshot once the command has ended, whatever its exit code (a failed export exits 1).\n' +
    'rosi exits with the command’s exit code; a command ended by a signal exits 128 + its number (SIGKILL 137, SIGTERM 143), ' +
    'one that cannot be started 127 (not found) or 126 (not runnable), as a shell does. ' +
    'SIGINT, SIGTERM and SIGHUP are passed on to the command, which is killed if it has not ended 5 s later. ' +
    'Whatever happens, the emulator stops (its function processes with it) and its temporary folders are removed.\n' +
    'stdout is the command’s alone; rosi says which emulator and app it runs against on stderr, on a terminal or with --verbose.',
  args: [{ name: 'command', description: 'the command to run, after --', optional: true, variadic: true }],
  flags: [...flags, { name: 'deploy', description: 'deploy the project in this folder to the emulator before running the command' }],
  examples: [
    { meaning: 'Run the tests against a fresh emulator with the app deployed (the CI one-liner)', command: 'rosi emulator exec --deploy -- npm test' },
    { meaning: 'Query a datastore of the app in the emulator', command: 'rosi emulator exec --deploy -- rosi datastore query --datastore tasks --json' },
    {
      meaning: 'Tests against seeded data, keeping the state they leave for the next job',
      command: 'rosi emulator exec --deploy --seed test/seeds --export-on-exit state.snapshot -- npm test',
    },
    { meaning: 'A shell command line', command: 'rosi emulator exec -- sh -c \'curl -s "${SLACK_API_URL}api.test"\'' },
  ],
  load: () => import('./exec.run.js'),
});
