import type { ArgDef, FlagDef } from '../../kit/define-command.js';

/** Flags every `rosi datastore` command takes. Plain data: definitions import this. */
export const datastoreFlag: FlagDef = {
  name: 'datastore',
  value: '<name>',
  description: 'the datastore (as named in the app manifest)',
  complete: 'datastores',
};
export const datastoreArg: ArgDef = { name: 'datastore', description: 'the datastore (as named in the app manifest)', complete: 'datastores' };
export const showFlag: FlagDef = { name: 'show', description: 'print the request as a JSON expression (with "app") and exit without calling the API' };
export const outputFlag: FlagDef = {
  name: 'output',
  value: '<text|json>',
  description: 'output format (default text; json is the same as --json)',
  complete: { values: ['text', 'json'] },
};

export const commonFlags: readonly FlagDef[] = [datastoreFlag, showFlag, outputFlag];

/** Shared by every definition's description. */
export const EXPRESSION_NOTE =
  'The JSON expression is the official Slack CLI’s (keys match in any case). rosi is stricter: a key the command does not use is an error, not ignored.';
