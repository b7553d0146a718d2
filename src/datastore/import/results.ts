import type { Item } from '../expression.js';

/**
 * A line that was not stored, as written to the failures file: the item as an object
 * when the line held one (so the file can be imported again as it is), else the line's text.
 */
export interface ImportFailure {
  line: number;
  reason: string;
  item: Item | string;
}

export interface ImportCounts {
  stored: number;
  failed: number;
  skipped: number;
}

/** Everything up to `line` (the first `offset` bytes) is done; `failures`, in line order, are those found since the last commit. */
export interface ImportCommit extends ImportCounts {
  line: number;
  offset: number;
  failures: ImportFailure[];
}
