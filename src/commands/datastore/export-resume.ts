import { createHash, type Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { readTextIfExists } from '../../config/read-optional.js';
import { parseCheckpoint, sameQuery, type ExportCheckpoint, type ExportQuery, type ExportStart } from '../../datastore/export.js';
import { UsageError } from '../../errors/cli-error.js';
import { rerunCommand, type RunFlags } from '../../auth/follow-up.js';
import { shellWord } from '../../lib/shell-word.js';

/** The export this run is: what a checkpoint must match to be continued. */
export interface ThisExport {
  query: ExportQuery;
  where: string | undefined;
  /** --output-file as typed, for hints. */
  file: string;
  /** The global flags this run was given, for hints that run as printed. */
  flags: RunFlags;
}

export async function readCheckpoint(now: ThisExport): Promise<ExportCheckpoint | undefined> {
  const path = `${now.file}.checkpoint`;
  const text = await readTextIfExists(path);
  if (text === undefined) return undefined;
  const c = parseCheckpoint(text);
  if (!c) {
    throw new UsageError(`${path} is not an export checkpoint, or one from an older rosi that recorded too little to check`, {
      code: 'invalid_file',
      hint: capitalize(`${startOverHint(now)}.`),
    });
  }
  return c;
}

function startOverHint(now: ThisExport): string {
  return `start over with \`${rerunCommand(now.flags, exportWords(now.query.datastore, now.file, now.where))}\` (it rewrites ${now.file})`;
}

/** Identity of an open file, as a checkpoint records it. */
export async function fileIdentity(handle: FileHandle): Promise<ExportCheckpoint['file']> {
  const st = await handle.stat({ bigint: true });
  return { dev: String(st.dev), ino: String(st.ino) };
}

/**
 * Checks that the checkpoint belongs to this export and that the file still holds exactly
 * what it counts (same file, at least as long, same bytes), and returns where to go on from.
 * Anything else would resume into a file it does not describe: NUL padding after a file cut
 * short, or two queries' items in one file.
 *
 * @throws UsageError `checkpoint_mismatch` naming what changed, with the commands that resume it or start over.
 */
export async function resumePoint(handle: FileHandle | undefined, c: ExportCheckpoint, now: ThisExport): Promise<ExportStart> {
  const checkpoint = `${now.file}.checkpoint`;
  const startOver = startOverHint(now);
  const refuse = (message: string, hint: string) => new UsageError(message, { code: 'checkpoint_mismatch', hint });
  if (!sameQuery(c.query, now.query)) {
    const app = c.query.app_id === now.query.app_id ? now.flags.app : c.query.app_id;
    const resume = rerunCommand(now.flags, [...exportWords(c.query.datastore, now.file, c.where), '--resume'], app);
    throw refuse(
      `${checkpoint} belongs to an export of ${describe(c.query, c.where, now.query)}, not of ${describe(now.query, now.where, c.query)}`,
      `Resume that one with \`${resume}\`, or ${startOver}.`,
    );
  }
  if (!handle) throw refuse(`${now.file} is gone, but ${checkpoint} counts ${c.lines} items written to it`, `Delete the checkpoint, or ${startOver}.`);
  const id = await fileIdentity(handle);
  if (id.dev !== c.file.dev || id.ino !== c.file.ino)
    throw refuse(`${now.file} is not the file ${checkpoint} was written for: it was replaced since`, capitalize(`${startOver}.`));
  const size = (await handle.stat()).size;
  if (size < c.bytes)
    throw refuse(`${now.file} has ${size} bytes, fewer than the ${c.bytes} that ${checkpoint} counts: it was cut short since`, capitalize(`${startOver}.`));
  const hash = await hashPrefix(handle, c.bytes);
  if (hash.copy().digest('hex') !== c.sha256)
    throw refuse(
      `The first ${c.bytes} bytes of ${now.file} are not the ones exported: it was edited since ${checkpoint} was written`,
      capitalize(`${startOver}.`),
    );
  return { cursor: c.cursor, lines: c.lines, bytes: c.bytes, hash };
}

function exportWords(datastore: string, file: string, where: string | undefined): string[] {
  return ['datastore', 'export', datastore, '-o', file, ...(where === undefined ? [] : ['--where', where])];
}

/** `datastore tasks --where '…'`, naming the app only when that is the difference. */
function describe(q: ExportQuery, where: string | undefined, other: ExportQuery): string {
  const filter = where !== undefined ? ` --where ${shellWord(where)}` : q.expression ? ` filtered by ${JSON.stringify(q.expression)}` : ' (every item)';
  const app = q.app_id === other.app_id ? '' : ` of app ${q.app_id}`;
  return `datastore ${q.datastore}${app}${filter}`;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

async function hashPrefix(handle: FileHandle, bytes: number): Promise<Hash> {
  const hash = createHash('sha256');
  const buf = Buffer.allocUnsafe(Math.max(1, Math.min(bytes, 1 << 20)));
  for (let pos = 0; pos < bytes; ) {
    const { bytesRead } = await handle.read(buf, 0, Math.min(buf.length, bytes - pos), pos);
    if (bytesRead === 0) break;
    hash.update(buf.subarray(0, bytesRead));
    pos += bytesRead;
  }
  return hash;
}
