/** Trims a user-supplied name and falls back to a friendly default. */
export function displayName(name: string | undefined): string {
  const trimmed = (name ?? '').trim();
  return trimmed === '' ? 'friend' : trimmed.slice(0, 80);
}

/** A stable, sortable id for a new task: time first, then a random tail. */
export function newTaskId(now: Date = new Date()): string {
  const random = Math.random().toString(36).slice(2, 8);
  return `${now.getTime().toString(36)}-${random}`;
}
