// `{{…}}` references inside a trigger's input values and filter statements: each must be something the trigger's
// type can provide when it trips, or the workflow would get nothing (Slack then fails the run, not the create).
import { didYouMean } from '../suggest.js';
import { EVENT_TIMESTAMP, providedData } from './context-data.js';
import type { TriggerType } from './types.js';

export interface ReferenceScope {
  type: TriggerType;
  /** For an event trigger, its event's name (`reaction_added`) when known. */
  eventName?: string | undefined;
}

type Report = (field: string, message: string) => void;

const TEMPLATE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Checks every `{{…}}` in the strings of `value` (objects and arrays walked, with their paths). */
export function checkReferences(value: unknown, field: string, scope: ReferenceScope, fail: Report): void {
  if (typeof value === 'string') {
    for (const match of value.matchAll(TEMPLATE)) {
      const problem = referenceProblem(match[1] as string, scope);
      if (problem) fail(field, problem);
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkReferences(item, `${field}[${i}]`, scope, fail));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) checkReferences(item, `${field}.${key}`, scope, fail);
  }
}

function referenceProblem(path: string, scope: ReferenceScope): string | undefined {
  if (path === EVENT_TIMESTAMP) return undefined;
  const provided = providedData(scope.type, scope.eventName);
  if (provided === undefined) return undefined;
  const offer = `a ${triggerLabel(scope)} provides ${offered(provided)}`;
  const [root, key] = path.split('.');
  if (root !== 'data') {
    const why =
      root === 'event'
        ? ' (what an event carries is referenced as {{data.…}})'
        : root === 'inputs' || root === 'steps'
          ? ' ({{inputs.…}} and {{steps.…}} are for workflow steps; a trigger fills the workflow inputs themselves)'
          : '';
    return `{{${path}}} is not something a trigger provides${why}: ${offer}`;
  }
  if (!key) return `{{${path}}} names no field: ${offer}`;
  if (provided === 'any') {
    // A webhook's data is whatever JSON it is sent, but an interactivity pointer only comes from a person's click in Slack.
    return key === 'interactivity' ? `{{${path}}} is not available on a webhook trigger (only a click in Slack makes one): ${offer}` : undefined;
  }
  if (provided.includes(key)) return undefined;
  return `{{${path}}} is not available on a ${triggerLabel(scope)}${didYouMean(
    `data.${key}`,
    provided.map((k) => `data.${k}`),
  )}: it provides ${offered(provided)}`;
}

function offered(provided: readonly string[] | 'any'): string {
  if (provided === 'any') return '{{event_timestamp}} and {{data.<key>}} for each key of the JSON body it is sent';
  return `{{event_timestamp}}, ${provided.map((k) => `{{data.${k}}}`).join(', ')}`;
}

function triggerLabel(scope: ReferenceScope): string {
  switch (scope.type) {
    case 'shortcut':
      return 'link (shortcut) trigger';
    case 'event':
      return `${scope.eventName} event trigger`;
    default:
      return `${scope.type} trigger`;
  }
}
