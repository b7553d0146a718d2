import * as z from 'zod/mini';
import { appCollaborators } from '../../apps/collaborators.js';
import { rerunCommand } from '../../auth/follow-up.js';
import type { Context } from '../../context/context.js';
import { UsageError } from '../../errors/cli-error.js';
import type { RawInput } from '../../kit/define-command.js';
import { parseOptions } from '../../kit/parse-options.js';
import { applyAccessStep, describeType, mergeEntities, planAccessChange, type AccessRequest, type AccessStep } from '../../triggers/access-change.js';
import { triggerAccess, type NamedEntities } from '../../triggers/requests.js';
import { accessJson, accessLines } from './render.js';
import { baseOptions, needTriggerIdOrTerminal, triggerIdFor, triggerIdOption, triggerTarget, type TriggerTarget } from './target.js';

const flag = z.optional(z.boolean());
const Options = z.object({
  ...baseOptions,
  ...triggerIdOption,
  everyone: flag,
  appCollaborators: flag,
  users: z.optional(z.string()),
  channels: z.optional(z.string()),
  workspaces: z.optional(z.string()),
  organizations: z.optional(z.string()),
  grant: flag,
  revoke: flag,
  includeAppCollaborators: flag,
  info: flag,
});
type Options = z.infer<typeof Options>;

/** Each entity flag, the key it fills and the ID prefixes Slack gives that kind. */
const ENTITY_FLAGS = [
  { key: 'users', flag: '--users', field: 'users', prefix: /^[UW]/, like: 'U0123ABCDEF' },
  { key: 'channels', flag: '--channels', field: 'channels', prefix: /^[CGD]/, like: 'C0123ABCDEF' },
  { key: 'workspaces', flag: '--workspaces', field: 'teams', prefix: /^T/, like: 'T0123ABCDEF' },
  { key: 'organizations', flag: '--organizations', field: 'orgs', prefix: /^E/, like: 'E0123ABCDEF' },
] as const;

type Parsed = Options & { request: AccessRequest | undefined };

const mismatch = (message: string, hint?: string) => new UsageError(message, { code: 'mismatched_flags', hint });

export function parse(raw: RawInput): Parsed {
  const o = parseOptions(Options, raw);
  const entities = entitiesOf(o);
  const named = ENTITY_FLAGS.filter((e) => o[e.key] !== undefined).map((e) => e.flag);
  const types = [o.everyone && '--everyone', o.appCollaborators && '--app-collaborators'].filter((f): f is string => typeof f === 'string');
  if (o.grant && o.revoke) throw mismatch('Use --grant or --revoke, not both');
  if (types.length > 1) throw mismatch('Use --everyone or --app-collaborators, not both');
  if (types.length && named.length) throw mismatch(`${types[0]} and ${named.join(', ')} ask for different kinds of access: give one`);
  const change = types.length > 0 || named.length > 0 || o.grant || o.revoke;
  if (o.info && change) throw mismatch('--info only prints who can run the trigger: give it without the flags that change access');
  if ((o.grant || o.revoke) && named.length === 0) {
    throw new UsageError(`${o.grant ? '--grant' : '--revoke'} needs entities: --users, --channels, --workspaces or --organizations`, { code: 'missing_flag' });
  }
  if (o.includeAppCollaborators && named.length === 0) {
    throw new UsageError('--include-app-collaborators goes with the entities granted access (--users, --channels, --workspaces, --organizations)', {
      code: 'missing_flag',
    });
  }
  let request: AccessRequest | undefined;
  if (o.everyone) request = { kind: 'set', type: 'everyone' };
  else if (o.appCollaborators) request = { kind: 'set', type: 'app_collaborators' };
  else if (named.length) request = { kind: o.revoke ? 'revoke' : 'grant', entities };
  return { ...o, request };
}

/** The entity flags' IDs: split on commas, spaces dropped, upper-cased, each checked for its kind's prefix. */
function entitiesOf(o: Options): NamedEntities {
  const out: NamedEntities = {};
  for (const e of ENTITY_FLAGS) {
    const text = o[e.key];
    if (text === undefined) continue;
    const ids = [...new Set(text.split(',').map((s) => s.replace(/\s+/g, '').toUpperCase()))].filter((s) => s !== '');
    if (ids.length === 0) throw new UsageError(`${e.flag} is empty: give comma-separated IDs such as ${e.like}`, { code: 'invalid_argument' });
    const bad = ids.filter((id) => !e.prefix.test(id) || !/^[A-Z0-9]+$/.test(id));
    if (bad.length) {
      const kind = e.key.replace(/s$/, '');
      const not = bad.length === 1 ? `is not a ${kind} ID` : `are not ${kind} IDs`;
      throw new UsageError(`${e.flag}: ${bad.map((b) => JSON.stringify(b)).join(', ')} ${not} like ${e.like}`, { code: 'invalid_argument' });
    }
    out[e.field] = ids;
  }
  return out;
}

export async function run(ctx: Context, o: Parsed): Promise<void> {
  needTriggerIdOrTerminal(ctx, o, 'access');
  const t = await triggerTarget(ctx, o.app, 'access');
  const triggerId = await triggerIdFor(ctx, t, o);
  if (triggerId === undefined) return;
  if (!o.request) return print(ctx, triggerId, accessJson(await triggerAccess(t.api, triggerId)));
  // Setting a type needs nothing to be known; granting and revoking depend on who has access now.
  let step: AccessStep = o.request.kind === 'set' ? { call: 'set', type: o.request.type } : planAccessChange(await triggerAccess(t.api, triggerId), o.request);
  let note: string | undefined;
  if (step.call === 'set' && step.type === 'named_entities') ({ step, note } = await withCollaborators(ctx, o, t, triggerId, step));
  // On a list already, the flag still keeps its word: the collaborators are added with the entities.
  else if (step.call === 'add' && o.includeAppCollaborators)
    step = { ...step, entities: mergeEntities({ users: await appCollaborators(t.api, t.appId) }, step.entities) };
  const after = await applyAccessStep(t.api, triggerId, step);
  if (!ctx.io.json) ctx.io.success(doneText(step, triggerId));
  // Said once the list is set: a refused change took nobody's access away.
  if (note) ctx.io.info(note);
  print(ctx, triggerId, accessJson(after));
}

/** A first grant replaces the access: the app's collaborators stay only if listed (the flag, the question, or a note to print). */
async function withCollaborators(
  ctx: Context,
  o: Parsed,
  t: TriggerTarget,
  triggerId: string,
  step: AccessStep & { call: 'set' },
): Promise<{ step: AccessStep; note?: string }> {
  let include = o.includeAppCollaborators === true;
  if (!include && ctx.io.canPrompt()) {
    ctx.io.warn('The app’s collaborators lose their access to this trigger unless they are on the list.');
    include = await ctx.prompter.confirm('include-app-collaborators', 'Include the app’s collaborators?', true);
  } else if (!include) {
    const words = ['trigger', 'access', '--trigger-id', triggerId, '--include-app-collaborators'];
    for (const e of ENTITY_FLAGS) if (o[e.key] !== undefined) words.push(e.flag, (step.entities?.[e.field] ?? []).join(','));
    return { step, note: `The app’s collaborators are not on the list, so they can no longer run it. To keep them: ${rerunCommand(o, words, t.appId)}` };
  }
  if (!include) return { step };
  const users = await appCollaborators(t.api, t.appId);
  return { step: { ...step, entities: mergeEntities({ users }, step.entities ?? {}) } };
}

function doneText(step: AccessStep, triggerId: string): string {
  if (step.call === 'set' && step.type !== 'named_entities') return `${capitalise(describeType(step.type))} can now run trigger ${triggerId}`;
  if (step.call === 'remove') return `Revoked access to trigger ${triggerId}`;
  return `Granted access to trigger ${triggerId}`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function print(ctx: Context, triggerId: string, access: ReturnType<typeof accessJson>): void {
  ctx.io.result(access, (a, ui) => {
    ui.out(`Trigger ${triggerId}`);
    for (const line of accessLines(a)) ui.out(`  ${line}`);
  });
}
