import { defineCommand } from '../../kit/define-command.js';

export const deployCommand = defineCommand({
  name: 'deploy',
  summary: 'Build, package and deploy the app to Slack',
  description:
    'Builds the project (its `build` hook, or the built-in build: manifest.json/manifest.ts and every function bundled with esbuild), ' +
    'zips exactly the build output, uploads it through a presigned POST and activates it.\n' +
    'The first deploy to a team creates the app and records it in .slack/apps.json; later ones update it. ' +
    'With --token and --app nothing is read from or written to .slack/apps.json (CI).\n' +
    'After a deploy on a terminal, when the app has no trigger yet and the project has trigger definition files ' +
    '(hooks.json config.trigger-paths, else triggers/*), rosi offers to create one from a file you choose, as `rosi trigger create --trigger-def` does. ' +
    'Unlike the official CLI, a trigger that cannot be created (or a failed check for triggers) does not fail the deploy: ' +
    'rosi warns, prints the `rosi trigger create` command that retries it, and exits 0. ' +
    'There is no offer with --hide-triggers, --json, in CI or off a terminal, nor when no definition file is found.',
  flags: [
    { name: 'max-size', value: '<size>', description: 'fail before uploading if the bundle is larger (bytes, or 500KB, 20MB)' },
    { name: 'dry-run', description: 'build and package only: list the files, call no API' },
    { name: 'hide-triggers', description: 'do not offer to create a trigger after the deploy' },
  ],
  examples: [
    { meaning: 'Deploy the project in this folder', command: 'rosi deploy' },
    { meaning: 'See what would be uploaded', command: 'rosi deploy --dry-run' },
    { meaning: 'Deploy from CI', command: 'rosi deploy --token "$SLACK_SERVICE_TOKEN" --app A0123ABCDEF --json' },
    { meaning: 'Refuse bundles over 5 MB', command: 'rosi deploy --max-size 5MB' },
  ],
  load: () => import('./deploy.run.js'),
});
