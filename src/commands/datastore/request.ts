import * as z from 'zod/mini';
import type { Context } from '../../context/context.js';
import { invalid, isEmpty, looksLikeJson, orderedExpression, parseExpression, type DatastoreExpression, type Verb } from '../../datastore/expression.js';
import { selectApp } from '../../apps/select-app.js';
import { compileWhere, WhereError } from '../../datastore/where.js';
import { UsageError } from '../../errors/cli-error.js';
import type { Renderer } from '../../io/io.js';

/** Options every datastore command has. */
export const baseOptions = {
  datastore: z.optional(z.string().check(z.minLength(1, 'give a datastore name'))),
  show: z.optional(z.boolean()),
  output: z.optional(z.enum(['text', 'json'], 'use text or json')),
};

export type Output = 'text' | 'json' | undefined;

/** The positional expression, or `{}` when there is none. */
export function expressionArg(text: string | undefined, verb: Verb): DatastoreExpression {
  return text === undefined ? {} : parseExpression(text, verb);
}

/** What a request needs besides its own fields. */
export interface Target {
  appId: string;
  datastore: string;
  /** The project folder, when the app was picked through one. */
  root?: string | undefined;
}

export function mismatch(message: string): UsageError {
  return new UsageError(message, { code: 'mismatched_flags' });
}

/**
 * Fills `datastore` from --datastore and checks the expression's `app` against --app,
 * before anything is sent (the checks of contract §6.3).
 */
export function settle(ctx: Context, e: DatastoreExpression, flag: string | undefined, verb: Verb): DatastoreExpression & { datastore: string } {
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
  const flagApp = ctx.globals.app;
  if (flagApp !== undefined && e.app !== undefined && flagApp !== e.app) {
    throw new UsageError(`--app ${flagApp} does not match the expression's app "${e.app}"`, { code: 'invalid_app_flag', hint: 'Check that the app flag matches the app ID in your expression.' });
  }
  return { ...e, datastore };
}

/** Fails when a field the command needs is missing or empty. */
export function need(e: DatastoreExpression, key: keyof DatastoreExpression, verb: Verb, how: string): void {
  if (isEmpty(e[key]) && !(key === 'item' && e.item !== undefined)) throw invalid(`Nothing to send: "${key}" is missing. Try ${how}`, verb);
}

/**
 * Picks the app. With --show it prints the expression (with `app`) and returns undefined:
 * nothing is sent, so the app must be one the project or --app names without asking Slack.
 */
export async function target(ctx: Context, e: DatastoreExpression & { datastore: string }, verb: Verb, show: boolean | undefined): Promise<Target | undefined> {
  const selected = await selectApp(ctx, { app: ctx.globals.app ?? e.app, command: `rosi datastore ${verb}`, offline: show });
  if (show) {
    if (!ctx.io.json) ctx.io.info('This expression can be represented by the following JSON (nothing was sent):');
    ctx.io.out(JSON.stringify(orderedExpression({ ...e, app: selected.appId }), null, 2));
    return undefined;
  }
  return { appId: selected.appId, datastore: e.datastore, root: selected.root };
}

/** The output flags of this run, for a command line in a hint. */
export function outputWords(ctx: Context, output: Output): string[] {
  return [...(output ? ['--output', output] : []), ...(ctx.globals.json ? ['--json'] : [])];
}

/** JSON for --json or --output json, otherwise the human renderer. */
export function emit<T>(ctx: Context, output: Output, data: T, human: Renderer<T>): void {
  ctx.io.result(data, wantsJson(ctx, output) ? (d, ui) => ui.out(JSON.stringify(d, null, 2)) : human);
}

export function wantsJson(ctx: Context, output: Output): boolean {
  return ctx.globals.json || output === 'json';
}

/** The positional argument of get/delete: a primary key, or a JSON expression. */
export function idOrExpression(arg: string | undefined, verb: Verb): DatastoreExpression {
  if (arg === undefined) return {};
  return looksLikeJson(arg) ? parseExpression(arg, verb) : { id: arg };
}

/** Drops empty fields: the wire never carries them (contract §6.2). */
export function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => !isEmpty(v))) as T;
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
export function filterOf(e: DatastoreExpression): Pick<DatastoreExpression, 'expression' | 'expression_attributes' | 'expression_values'> {
  const { expression, expression_attributes, expression_values } = e;
  return compact({ expression, expression_attributes, expression_values } as Pick<DatastoreExpression, 'expression' | 'expression_attributes' | 'expression_values'>);
}

/** The positional IDs of bulk-get/bulk-delete, or a single JSON expression in their place. */
export function idsOrExpression(args: string[] | undefined, verb: Verb): DatastoreExpression {
  const list = args ?? [];
  if (list.length === 1 && looksLikeJson(list[0] as string)) return parseExpression(list[0] as string, verb);
  const json = list.find(looksLikeJson);
  if (json !== undefined) throw invalid('A JSON expression takes the place of the IDs; give one or the other', verb);
  return list.length ? { ids: list } : {};
}
