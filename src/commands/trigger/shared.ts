import type { FlagDef } from '../../kit/define-command.js';

/*
 * What the trigger definitions (loaded eagerly, for help and completion) share: plain data only.
 */

export const TRIGGER_ID_FLAG: FlagDef = {
  name: 'trigger-id',
  value: '<Ft…>',
  description: 'the trigger (on a terminal, rosi lists the app’s triggers to pick from when it is left out)',
  // The triggers rosi has seen for the app: Tab never asks Slack.
  complete: 'triggers',
};

/** The ways to say what a trigger is: a file, or the official CLI's property flags for a link trigger. */
export const DEFINITION_FLAGS: readonly FlagDef[] = [
  {
    name: 'trigger-def',
    value: '<file>',
    description: 'the trigger definition: a .json file, or a .ts/.js file whose default export it is',
    complete: 'trigger-files',
  },
  { name: 'workflow', value: '<#/workflows/id>', description: 'make a link trigger for this workflow ("#/workflows/<callback_id>" or the bare callback ID)' },
  { name: 'title', value: '<text>', description: 'with --workflow: the trigger’s name (default "My Trigger")' },
  { name: 'description', value: '<text>', description: 'with --workflow: its description (default "Runs the \'<workflow>\' workflow")' },
  { name: 'interactivity', description: 'with --workflow: pass the click on to the workflow’s interactivity input' },
  { name: 'interactivity-name', value: '<input>', description: 'with --workflow: the name of that input (default "interactivity"; implies --interactivity)' },
];

/** How a definition is found and checked; create's and update's descriptions quote it. */
export const DEFINITION_NOTE =
  'The trigger is --trigger-def <file> (a .json file, or a .ts/.js file: read through the project’s get-trigger hook when it has one, else its default export, ' +
  'built as deploy builds manifest.ts), or a link (shortcut) trigger made from --workflow with --title, --description and --interactivity; the two ways cannot be mixed (exit 2). ' +
  'With neither, on a terminal rosi lists the files under the project’s trigger paths (hooks.json config.trigger-paths, else triggers/*; editor backups skipped) to choose from; ' +
  'elsewhere it fails naming --trigger-def and --workflow (exit 2).\n' +
  'The definition is checked before anything is sent, against the workflows of the project’s manifest: a problem fails with exit 2 naming the field, and nothing is sent. ' +
  'Outside a project (or in one without a manifest) the workflow and its inputs are left for Slack to check (--verbose says so). ' +
  'workflow_app_id is always the selected app, so one file serves every app of the project.';

/** How a trigger is printed; the saving verbs' and info's descriptions quote it. */
export const TRIGGER_JSON_NOTE = 'The trigger object is printed as Slack returns it, fields rosi does not know included.';
