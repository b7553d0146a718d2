import * as z from 'zod/mini';
import { rerunCommand } from '../../auth/follow-up.js';
import type { Context } from '../../context/context.js';
import { checkName, checkValue } from '../../env/checks.js';
import { readDotenv } from '../../env/dotenv-file.js';
import { setVariable } from '../../env/requests.js';
import { setAll } from '../../env/set-all.js';
import { CancelledError, isCliError, PartialFailureError, UsageError } from '../../errors/cli-error.js';
import type { RawInput } from '../../kit/define-command.js';
import { forceOption } from '../../kit/global-options.js';
import { parseOptions } from '../../kit/parse-options.js';
import { baseOptions, envTarget } from './app.js';
import { valueOf } from './value.js';

const Path = z.string().check(z.minLength(1, 'give a path'));
const Options = z.object({
  ...baseOptions,
  ...forceOption,
  name: z.optional(z.string()),
  value: z.optional(z.string()),
  valueFile: z.optional(Path),
  fromFile: z.optional(Path),
});
type Options = z.infer<typeof Options>;

/** The JSON result of every `env set`: names only. */
interface SetResult {
  app_id: string;
  set: string[];
  not_set: string[];
}

export function parse(raw: RawInput): Options {
  const o = parseOptions(Options, raw);
  const mismatch = (message: string) => new UsageError(message, { code: 'mismatched_flags' });
  if (o.fromFile !== undefined && (o.name !== undefined || o.valueFile !== undefined)) {
    throw mismatch('--from-file sets every variable of the file: give no name, value or --value-file with it');
  }
  if (o.fromFile === undefined && o.name === undefined) {
    throw new UsageError('Name the variable to set', { code: 'missing_argument', hint: 'For example: rosi env set API_KEY, or rosi env set --from-file .env' });
  }
  if (o.value !== undefined && o.valueFile !== undefined) throw mismatch('Give the value once: as an argument or with --value-file, not both');
  return o;
}

export async function run(ctx: Context, o: Options): Promise<void> {
  if (o.fromFile !== undefined) return setFromFile(ctx, o, o.fromFile);
  const name = o.name as string;
  checkName(name, '<name>');
  const given = await valueOf(ctx, name, o);
  checkValue({ name, value: given.value }, given.where);
  const t = await envTarget(ctx, o.app, 'set');
  await setVariable(t.api, t.appId, { name, value: given.value });
  ctx.io.result<SetResult>({ app_id: t.appId, set: [name], not_set: [] }, () => {});
  if (!ctx.io.json) ctx.io.success(`Set ${name} on app ${t.appId}`);
}

async function setFromFile(ctx: Context, o: Options, path: string): Promise<void> {
  // Every line is checked before anything is sent: a bad line 40 must not leave 39 set.
  const entries = await readDotenv(path, 'Check the path given to --from-file.');
  for (const e of entries) checkValue(e, `line ${e.line} of ${path}`);
  const names = entries.map((e) => e.name);
  const t = await envTarget(ctx, o.app, 'set');
  const json = ctx.io.json;
  if (entries.length === 0) {
    ctx.io.result<SetResult>({ app_id: t.appId, set: [], not_set: [] }, () => {});
    if (!json) ctx.io.info(`${path} holds no variables: nothing to set.`);
    return;
  }
  const again = rerunCommand(o, ['env', 'set', '--from-file', path, '--force']);
  if (o.force !== true) {
    const what = `${names.length} ${names.length === 1 ? 'variable' : 'variables'} from ${path} on app ${t.appId}`;
    if (!ctx.io.canPrompt()) {
      throw new UsageError(`Setting ${what} needs a confirmation, and there is no terminal to ask on`, {
        code: 'confirmation_required',
        hint: `Check the file, then pass --force: ${again}`,
      });
    }
    ctx.io.info(`${path} sets ${names.join(', ')}`);
    if (!(await ctx.prompter.confirm('env-set-from-file', `Set ${what}?`, false))) throw new CancelledError('Nothing was set');
  }
  const r = await setAll(t.api, t.appId, entries, (name) => {
    if (!json) ctx.io.success(`Set ${name}`);
  });
  // Nothing set: the call's own error (not logged in, no such app…) says it best, with its own exit code.
  if (r.failed && r.set.length === 0) throw r.failed.error;
  ctx.io.result<SetResult>({ app_id: t.appId, set: r.set, not_set: r.notSet }, () => {});
  if (r.failed) {
    const e = r.failed.error;
    const why = isCliError(e) ? `${e.message} (${e.code})` : e instanceof Error ? e.message : String(e);
    throw new PartialFailureError(`Set ${r.set.length} of ${names.length} variables from ${path}; setting ${r.failed.name} failed: ${why}`, {
      details: [`set: ${r.set.join(', ')}`, `not set: ${r.notSet.join(', ')}`],
      hint: `Setting a variable again is harmless: once the cause is fixed, run \`${again}\` to set the rest.`,
    });
  }
  if (!json) ctx.io.success(`Set ${names.length} ${names.length === 1 ? 'variable' : 'variables'} on app ${t.appId}`);
}
