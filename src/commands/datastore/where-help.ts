import type { FlagDef } from '../../kit/define-command.js';

export const whereFlag: FlagDef = {
  name: 'where',
  value: '<condition>',
  description: 'filter, e.g. \'status = "done" and priority >= 2\'',
  complete: 'attributes',
};

export const checkFlag: FlagDef = {
  name: 'check',
  negatable: true,
  description: "send the datastore and --where attributes unchecked (by default a project's manifest must declare them)",
};

export const WHERE_NOTE =
  '--where takes attribute names, "strings", numbers, true, false, null; = <> != < <= > >=; and, or, not, parentheses; ' +
  'a between 1 and 5; a in ("x", "y"); exists(a), not exists(a); begins_with(a, "x"); contains(a, "x"); size(a). ' +
  'Name an attribute that is a keyword or has other characters with backticks: `in`, `due-date`; where a value belongs, a bare word is refused: "ana" is a string, `manager` an attribute. ' +
  'Inside a project, the datastore and the attributes are checked against its manifest (json, ts or js) first (--no-check skips that). ' +
  'It compiles to the expression, expression_attributes (#name) and expression_values (:v0) that Slack takes; --show prints them.';
