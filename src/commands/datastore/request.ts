import * as z from 'zod/mini';
import type { SlackApi } from '../../api/client.js';
import { selectApp } from '../../apps/select-app.js';
import type { Context } from '../../context/context.js';
import { invalid, isEmpty, looksLikeJson, orderedExpression, parseExpression, type DatastoreExpression, type Verb } from '../../datastore/expression.js';
import { compact, type Filter, type Target } from '../../datastore/requests.js';
import { compileWhere, WhereError } from '../../datastore/where.js';
import { UsageError } from '../../errors/cli-error.js';
import { asJson } from '../../io/io.js';
import { addressOptions } from '../../kit/global-options.js';

/** Options every datastore command has: with --app and the flags a printed command repeats (rerunCommand). */
export const baseOptions = {
  ...addressOptions,
  datastore: z.optional(z.string().check(z.minLength(1, 'give a datastore name'))),
  show: z.optional(z.boolean()),
  output: z.optional(z.enum(['text', 'json'], 'use text or json')),
};

export type Output = 'text' | 'json' | undefined;

/** The positional expression, or `{}` when there is none. */
export function expressionArg(text: string | undefined, verb: Verb): DatastoreExpression {
  return text === undefined ? {} : parseExpression(text, verb);
}

export function mismatch(message: string): UsageError {
  return new UsageError(message, { code: 'mismatched_flags' });
}

/** A request ready to send: its expression with the datastore filled in, where it goes, and the client. */
export interface ResolvedRequest {
  expression: DatastoreExpression & { datastore: string };
  target: Target;
  api: SlackApi;
}

/**
 * What every datastore command does before it sends anything: fills the datastore from
 * --datastore (checking --app against the expression), insists on the field the command
 * cannot do without, and picks the app. With --show it prints the expression instead and
 * returns undefined: nothing is to be sent.
 */
export async function resolveRequest(
  ctx: Context,
  e: DatastoreExpression,
  o: { datastore?: string | undefined; show?: boolean | undefined; app?: string | undefined },
  verb: Verb,
  needs?: { field: keyof DatastoreExpression; how: string },
): Promise<ResolvedRequest | undefined> {
  const expression = settle(e, o.datastore, o.app, verb);
  if (needs) need(expression, needs.field, verb, needs.how);
  const t = await target(ctx, expression, verb, o.show, o.app);
  if (!t) return undefined;
  return { expression, target: t, api: await ctx.api() };
}

/**
 * Fills `datastore` from --datastore and checks the expression's `app` against --app,
 * before anything is sent (the checks of contract §6.3).
 */
function settle(e: DatastoreExpression, flag: string | undefined, flagApp: string | undefined, verb: Verb): DatastoreExpression & { datastore: string } {
  if (flag !== undefined && e.datastore !== undefined && flag !== e.datastore) {
    throw mismatch(`--datastore ${flag} does not match the expression's datastore "${e.datastore}"`);
  }
  const datastore = flag ?? e.datastore;
  if (datastore === undefined) {
    throw new UsageError('No datastore was named', {
      code: 'datastore_not_found',
      hint: `Pass --datastore <name> (a datastore in the app manifest), or put "datastore" in the expression: see \`rosi datastore ${verb} --help\`.`,
    });
  }
  if (flagApp !== undefined && e.app !== undefined && flagApp !== e.app) {
    throw new UsageError(`--app ${flagApp} does not match the expression's app "${e.app}"`, {
      code: 'invalid_app_flag',
      hint: 'Check that the app flag matches the app ID in your expression.',
    });
  }
  return { ...e, datastore };
}

/** Fails when a field the command needs is missing or empty. */
function need(e: DatastoreExpression, key: keyof DatastoreExpression, verb: Verb, how: string): void {
  if (isEmpty(e[key]) && !(key === 'item' && e.item !== undefined)) throw invalid(`Nothing to send: "${key}" is missing. Try ${how}`, verb);
}

/**
 * Picks the app. With --show it prints the expression (with `app`) and returns undefined:
 * nothing is sent, so the app must be one the project or --app names without asking Slack.
 */
async function target(
  ctx: Context,
  e: DatastoreExpression & { datastore: string },
  verb: Verb,
  show: boolean | undefined,
  flagApp: string | undefined,
): Promise<Target | undefined> {
  const selected = await selectApp(ctx, { app: flagApp ?? e.app, command: `rosi datastore ${verb}`, offline: show });
  if (show) {
    if (!ctx.io.json) ctx.io.info('This expression can be represented by the following JSON (nothing was sent):');
    ctx.io.result(orderedExpression({ ...e, app: selected.appId }), asJson);
    return undefined;
  }
  return { appId: selected.appId, datastore: e.datastore, root: selected.root };
}

/** The output flags of this run, for a command line in a hint: --output as given, and --json in JSON mode. */
export function outputWords(ctx: Context, output: Output): string[] {
  return [...(output ? ['--output', output] : []), ...(ctx.io.json ? ['--json'] : [])];
}

/** The positional argument of get/delete: a primary key, or a JSON expression. */
export function idOrExpression(arg: string | undefined, verb: Verb): DatastoreExpression {
  if (arg === undefined) return {};
  return looksLikeJson(arg) ? parseExpression(arg, verb) : { id: arg };
}

/**
 * Compiles --where into the expression's filter fields; it cannot be mixed with them. A
 * mistake with one clear fix gets a hint that is the command again, fixed (`rerun`).
 */
export function withWhere(e: DatastoreExpression, where: string | undefined, rerun?: (change: { where: string }) => string): DatastoreExpression {
  if (where === undefined) return e;
  if (!isEmpty(e.expression) || !isEmpty(e.expression_attributes) || !isEmpty(e.expression_values)) {
    throw mismatch('--where cannot be combined with "expression", "expression_attributes" or "expression_values" in the JSON expression');
  }
  try {
    return { ...e, ...compileWhere(where) };
  } catch (err) {
    if (!(err instanceof WhereError) || err.fixed === undefined || !rerun) throw err;
    throw new UsageError(err.message, { code: err.code, details: err.details, hint: `Did you mean \`${rerun({ where: err.fixed })}\`?` });
  }
}

/** `--datastore <name>` for a command line in a hint, when the name came from the flag. */
export function datastoreWords(name: string | undefined): string[] {
  return name === undefined ? [] : ['--datastore', name];
}

/** The filter fields of a query or count request, empty ones left out. */
export function filterOf(e: DatastoreExpression): Filter {
  const { expression, expression_attributes, expression_values } = e;
  return compact({ expression, expression_attributes, expression_values } as Filter);
}

/** The positional IDs of bulk-get/bulk-delete, or a single JSON expression in their place. */
export function idsOrExpression(args: string[] | undefined, verb: Verb): DatastoreExpression {
  const list = args ?? [];
  if (list.length === 1 && looksLikeJson(list[0] as string)) return parseExpression(list[0] as string, verb);
  const json = list.find(looksLikeJson);
  if (json !== undefined) throw invalid('A JSON expression takes the place of the IDs; give one or the other', verb);
  return list.length ? { ids: list } : {};
}
