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
    'There is no offer with --hide-triggers, --json, in CI or off a terminal, nor when no definition file is found.\n' +
    'With --watch, after the first deploy rosi watches the project and rebuilds and redeploys once it has been quiet for 200 ms after a change ' +
    '(a source file, the manifest, an asset; not what the deploy ignores, nor dist/ or editor swap and backup files), one deploy at a time, ' +
    'printing one line per redeploy; a failed build prints its error and the watch goes on. Ctrl-C stops it (exit 130). ' +
    'Against the emulator it asks nothing; against Slack it asks once on a terminal (--yes answers), needs --yes off a terminal, and is refused in CI. ' +
    'With --json each deploy is one JSON line (JSON Lines).\n' +
    'The dashboard is the app’s page: in the emulator’s console against `rosi emulator`, its settings on api.slack.com against Slack. ' +
    '--open opens it in your browser after the deploy (with --watch, after the first), on a terminal only: not in CI, not with BROWSER=none, ' +
    'not over SSH or on Linux without a display (then the URL is printed with the reason). BROWSER names the browser command.',
  flags: [
    { name: 'max-size', value: '<size>', description: 'fail before uploading if the bundle is larger (bytes, or 500KB, 20MB)' },
    { name: 'dry-run', description: 'build and package only: list the files, call no API' },
    { name: 'hide-triggers', description: 'do not offer to create a trigger after the deploy' },
    { name: 'watch', description: 'after the deploy, redeploy whenever a project file changes, until Ctrl-C' },
    { name: 'open', description: 'open the app’s dashboard in your browser once it is deployed' },
    { name: 'yes', short: 'y', description: 'with --watch against Slack: redeploy on every change without asking' },
  ],
  examples: [
    { meaning: 'Deploy the project in this folder', command: 'rosi deploy' },
    { meaning: 'See what would be uploaded', command: 'rosi deploy --dry-run' },
    { meaning: 'Deploy from CI', command: 'rosi deploy --token "$SLACK_SERVICE_TOKEN" --app A0123ABCDEF --json' },
    { meaning: 'Refuse bundles over 5 MB', command: 'rosi deploy --max-size 5MB' },
    { meaning: 'Redeploy to the emulator on every save', command: 'rosi deploy --watch' },
    { meaning: 'Deploy, then see the app in the browser', command: 'rosi deploy --open' },
  ],
  load: () => import('./deploy.run.js'),
});
