// Where a project keeps its trigger definitions, and the files found there: what `rosi trigger create` offers
// when no definition is named, and what a deploy may offer once it is done.
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';

/** The official CLI's default when hooks.json names no `config.trigger-paths`. */
export const DEFAULT_TRIGGER_PATHS: readonly string[] = ['triggers/*'];

/** `config.trigger-paths` of the project's hooks (trimmed, empty entries dropped), else `triggers/*`. */
export function triggerPaths(config: Readonly<Record<string, unknown>> | undefined): string[] {
  const listed = config?.['trigger-paths'];
  const paths = Array.isArray(listed) ? listed.filter((p): p is string => typeof p === 'string').map((p) => p.trim()) : [];
  const kept = paths.filter((p) => p !== '');
  return kept.length > 0 ? kept : [...DEFAULT_TRIGGER_PATHS];
}

/**
 * Names an editor leaves beside the real file: backups (`greet.ts~`, `greet.ts.~1~`), Emacs autosaves
 * (`#greet.ts#`) and hidden files (Vim's `.greet.ts.swp`, `.DS_Store`). The official CLI skips any path
 * with a `~` after its first character; rosi also skips the other two, which are never definitions either.
 */
export function isEditorLeftover(name: string): boolean {
  return name.slice(1).includes('~') || name.startsWith('#') || name.startsWith('.');
}

/**
 * The files the patterns match under `root`, relative to it (with `/`), sorted and each once. A pattern is a
 * glob as Go's `filepath.Glob` reads it (`*`, `?` and `[…]` within one path segment; no `**`), relative to
 * `root` unless absolute. A pattern that names a folder (`triggers`) stands for the files directly in it.
 * Editor leftovers ({@link isEditorLeftover}) and folders are never returned; a pattern that matches nothing
 * is no error.
 */
export async function findTriggerDefinitionFiles(root: string, patterns: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const pattern of patterns) {
    const base = isAbsolute(pattern) ? sep : root;
    const segments = pattern.split(/[\\/]+/).filter((s) => s !== '');
    // Only a folder named outright stands for its files: `triggers/*` does not reach into triggers/nested/.
    const namesFolder = !hasMagic(segments[segments.length - 1] ?? '');
    for (const match of await globFrom(base, segments)) {
      const kind = await kindOf(match);
      if (kind === 'file') addFile(found, root, match);
      else if (kind === 'dir' && namesFolder) for (const child of await filesIn(match)) addFile(found, root, child);
    }
  }
  return [...found].sort();
}

function addFile(found: Set<string>, root: string, file: string): void {
  const name = file.split(sep).pop() ?? '';
  if (isEditorLeftover(name)) return;
  const rel = relative(root, file);
  found.add(rel.startsWith('..') || isAbsolute(rel) ? file : rel.split(sep).join('/'));
}

async function globFrom(dir: string, segments: readonly string[]): Promise<string[]> {
  if (segments.length === 0) return [dir];
  const [head, ...rest] = segments as [string, ...string[]];
  if (!hasMagic(head)) return (await kindOf(join(dir, head))) ? globFrom(join(dir, head), rest) : [];
  const re = segmentRegExp(head);
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: string[] = [];
  for (const name of names.sort()) {
    // A wildcard does not reach hidden names, as in a shell: `triggers/*` is not meant to match `.git`.
    if (name.startsWith('.') || !re.test(name)) continue;
    out.push(...(await globFrom(join(dir, name), rest)));
  }
  return out;
}

async function filesIn(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: string[] = [];
  for (const name of names) if ((await kindOf(join(dir, name))) === 'file') out.push(join(dir, name));
  return out;
}

async function kindOf(path: string): Promise<'file' | 'dir' | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : undefined;
  } catch {
    return undefined;
  }
}

const hasMagic = (segment: string) => /[*?[]/.test(segment);

/** One path segment of a glob as an anchored regular expression. */
function segmentRegExp(segment: string): RegExp {
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] as string;
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[' && segment.indexOf(']', i + 2) !== -1) {
      const end = segment.indexOf(']', i + 2);
      const body = segment.slice(i + 1, end).replace(/\\/g, '\\\\');
      source += `[${body}]`;
      i = end;
    } else source += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
