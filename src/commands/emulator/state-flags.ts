import { dirname, resolve } from 'node:path';
import type { Context } from '../../context/context.js';
import { CliError, UsageError } from '../../errors/cli-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import { fsReason } from '../../lib/fs-error.js';
import { shellWord } from '../../lib/shell-word.js';
import { cliError, type EmulatorFlagValues, type Launched } from './launch.js';
import { writeSnapshotFile } from './snapshot-file.js';

/*
 * What the state flags do once an emulator runs, for every command that starts one: --seed after it started (and
 * after a deploy, for a command that makes its app), --export-on-exit as it stops.
 */

type Running = Pick<Launched, 'emu' | 'd'>;

/** --export-on-exit: the state as a snapshot file, before the emulator closes. Nothing without the flag. */
export async function exportOnExit(
  ctx: Context,
  { emu }: Running,
  o: Pick<EmulatorFlagValues, 'exportOnExit'>,
  /** The data folder goes when the command ends (exec's own): a failed export loses the state as in memory. */
  temporaryDataDir = false,
): Promise<void> {
  if (o.exportOnExit === undefined) return;
  const file = o.exportOnExit;
  let size: number;
  try {
    size = await writeSnapshotFile(resolve(ctx.paths.cwd, file), ctx.clock.now(), (out) => emu.state.save(out).then(() => undefined));
  } catch (e) {
    const kept =
      emu.databaseFile === null || temporaryDataDir
        ? `The emulator kept its state ${temporaryDataDir ? 'in a temporary folder' : 'in memory'}, so that state is lost.`
        : `The state is still in ${dirname(emu.databaseFile)}: start the emulator on it (rosi emulator start --data-dir ${shellWord(dirname(emu.databaseFile))}) and run rosi emulator snapshot save ${shellWord(file)}.`;
    throw new CliError('export_failed', `Could not export the emulator’s state to ${file}: ${fsReason(e)}`, ExitCode.failed, {
      hint: `${file} is as it was before. ${kept}`,
      cause: e,
    });
  }
  ctx.io.info(`Exported the emulator’s state to ${file} (${size} bytes)`);
}

/** --seed: the app's datastores filled from the folder's .jsonl files. Nothing without the flag. */
export async function seedFromFlag(ctx: Context, { emu, d }: Running, o: Pick<EmulatorFlagValues, 'seed'>, appId: string): Promise<void> {
  if (o.seed === undefined) return;
  const r = await emu.seedDatastores(resolve(ctx.paths.cwd, o.seed), appId).catch((e: unknown) => {
    throw d.isEmulatorError(e) ? cliError(e) : e;
  });
  const each = r.datastores.map((s) => `${s.datastore} (${s.items})`).join(', ');
  ctx.io.info(`Seeded ${appId}’s datastores from ${o.seed}: ${each}`);
}

/** `rosi emulator start` seeds the app --manifest makes: without it there is no app to seed. */
export function needSeededApp(o: Pick<EmulatorFlagValues, 'seed' | 'manifest'>): void {
  if (o.seed !== undefined && o.manifest === undefined) {
    throw new UsageError('--seed needs --manifest <file>: the datastores it fills are those of the app the manifest makes', {
      code: 'mismatched_flags',
      hint: `Add --manifest manifest.json (your app’s manifest), e.g. rosi emulator start --manifest manifest.json --seed ${shellWord(o.seed)}`,
    });
  }
}
