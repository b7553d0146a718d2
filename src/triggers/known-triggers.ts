// The triggers rosi has seen, by app: what `--trigger-id <Tab>` offers. Completion runs on every Tab press and
// must not reach the network, so the commands that list, create, change or delete triggers (and a deploy's
// offer) note what Slack answered, and completion reads the note. It is a hint, never a source of truth:
// a trigger made elsewhere appears after the next `rosi trigger list`.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../config/atomic-write.js';
import { isObject } from '../lib/is-object.js';

/** One trigger as completion shows it. */
export interface KnownTrigger {
  id: string;
  name?: string | undefined;
  type?: string | undefined;
}

interface KnownApp {
  updated_at: string;
  triggers: KnownTrigger[];
}

type KnownFile = Record<string, KnownApp>;

/** Enough for any app's triggers, small enough that a Tab press reads it at once. */
const MAX_TRIGGERS_PER_APP = 500;
const MAX_APPS = 100;

/** In rosi's own data folder: nothing in it is secret, and it is not the official CLI's to read. */
export function knownTriggersFile(paths: { dataDir: string }): string {
  return join(paths.dataDir, 'known-triggers.json');
}

/** The triggers noted for `appId`, oldest first; none when the file is missing or damaged. */
export async function readKnownTriggers(file: string, appId: string): Promise<KnownTrigger[]> {
  const known = await readKnown(file);
  return Object.hasOwn(known, appId) ? (known[appId]?.triggers ?? []) : [];
}

export type KnownChange =
  /** Every trigger of the app, as a full listing found them. */
  | { replace: readonly KnownTrigger[] }
  /** Triggers seen (created, updated, shown, or in a filtered listing). */
  | { add: readonly KnownTrigger[] }
  /** A trigger deleted. */
  | { remove: string };

/**
 * Notes what Slack answered for the app's triggers. Never fails: the note only helps completion, so a
 * folder that cannot be written costs the user nothing but candidates.
 */
export async function noteTriggers(file: string, appId: string, change: KnownChange, now: Date): Promise<void> {
  try {
    const known = await readKnown(file);
    const before = Object.hasOwn(known, appId) ? (known[appId]?.triggers ?? []) : [];
    known[appId] = { updated_at: now.toISOString(), triggers: changed(before, change).slice(-MAX_TRIGGERS_PER_APP) };
    await writeFileAtomic(file, `${JSON.stringify(newest(known), null, 2)}\n`);
  } catch {
    // See above: a note that cannot be written is no error.
  }
}

function changed(before: readonly KnownTrigger[], change: KnownChange): KnownTrigger[] {
  if ('replace' in change) return change.replace.map(slim);
  if ('remove' in change) return before.filter((t) => t.id !== change.remove);
  const added = new Map(change.add.map((t) => [t.id, slim(t)]));
  return [...before.filter((t) => !added.has(t.id)), ...added.values()];
}

/** Only what completion shows: a trigger's other fields stay with Slack. */
function slim(t: KnownTrigger): KnownTrigger {
  return { id: t.id, ...(typeof t.name === 'string' && t.name ? { name: t.name } : {}), ...(typeof t.type === 'string' ? { type: t.type } : {}) };
}

/** The apps noted most recently, so the file stays small whatever rosi has seen over the years. */
function newest(known: KnownFile): KnownFile {
  const apps = Object.entries(known).sort(([, a], [, b]) => b.updated_at.localeCompare(a.updated_at));
  return Object.fromEntries(apps.slice(0, MAX_APPS));
}

async function readKnown(file: string): Promise<KnownFile> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return {};
  }
  const out: KnownFile = {};
  if (!isObject(data)) return out;
  for (const [appId, app] of Object.entries(data)) {
    if (!isObject(app) || !Array.isArray(app.triggers)) continue;
    const triggers = app.triggers.filter((t): t is KnownTrigger => isObject(t) && typeof t.id === 'string').map(slim);
    out[appId] = { updated_at: typeof app.updated_at === 'string' ? app.updated_at : '', triggers };
  }
  return out;
}
