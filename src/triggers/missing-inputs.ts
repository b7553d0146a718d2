import * as z from 'zod/mini';
import { Envelope } from '../api/schemas/envelope.js';
import { TriggerSaveErrorDetail } from '../api/schemas/triggers.js';
import { ApiError } from '../errors/api-error.js';

/** A required workflow input the trigger gave no value, as Slack names it. */
export interface MissingInput {
  name: string;
  /** The input's type (`slack#/types/interactivity`), when Slack said. */
  type: string | undefined;
}

const INTERACTIVITY = 'slack#/types/interactivity';

/**
 * A create or update that Slack refused because the trigger leaves required workflow
 * inputs without a value. It keeps Slack's code, method and body (so exit code and
 * `--json` rendering stay those of any API error) and names each input, since Slack's own
 * message names at most one and the fix is in the trigger definition, not the request.
 */
export class MissingTriggerInputsError extends ApiError {
  readonly missing: readonly MissingInput[];

  constructor(refused: ApiError, missing: readonly MissingInput[]) {
    const env = Envelope.safeParse(refused.body);
    super({
      method: refused.method,
      error: refused.slackError,
      status: refused.status,
      description: describe(missing),
      details: env.success ? env.data.errors : undefined,
      messages: env.success ? env.data.response_metadata?.messages : undefined,
      body: refused.body,
      cause: refused,
      hint: hintFor(missing),
    });
    this.missing = missing;
  }
}

const Details = z.looseObject({ errors: z.optional(z.array(TriggerSaveErrorDetail)) });

/** The inputs a create/update failure says are missing, in Slack's order, each once. */
export function missingInputs(body: unknown): MissingInput[] {
  const parsed = Details.safeParse(body);
  if (!parsed.success) return [];
  const seen = new Set<string>();
  const out: MissingInput[] = [];
  for (const d of parsed.data.errors ?? []) {
    const name = d.missing_parameter_name;
    if (!name || seen.has(name)) continue;
    seen.add(name);
    out.push({ name, type: d.missing_parameter_type || undefined });
  }
  return out;
}

/** The error to raise for a failed create or update: named missing inputs when Slack listed any. */
export function explainSaveFailure(e: unknown): unknown {
  if (!(e instanceof ApiError) || e instanceof MissingTriggerInputsError) return e;
  const missing = missingInputs(e.body);
  return missing.length ? new MissingTriggerInputsError(e, missing) : e;
}

function describe(missing: readonly MissingInput[]): string {
  const list = missing.map((m) => (m.type ? `\`${m.name}\` (${m.type})` : `\`${m.name}\``)).join(', ');
  return missing.length === 1
    ? `The trigger gives no value for the workflow's required input ${list}`
    : `The trigger gives no value for the workflow's required inputs ${list}`;
}

function hintFor(missing: readonly MissingInput[]): string {
  // Interactivity is never typed in: the platform hands over a link trigger's click as trigger data.
  const entries = missing.map((m) => `"${m.name}": {"value": "${m.type === INTERACTIVITY ? '{{data.interactivity}}' : '…'}"}`);
  const why = missing.some((m) => m.type === INTERACTIVITY) ? ' ({{data.interactivity}} passes on the click of a link trigger)' : '';
  return `Give ${missing.length === 1 ? 'it' : 'each one'} a value under "inputs" in the trigger definition: "inputs": {${entries.join(', ')}}${why}.`;
}
